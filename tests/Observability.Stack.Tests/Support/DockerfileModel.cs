using System.Text.Json;

namespace Observability.Stack.Tests.Support;

/// <summary>The root Dockerfile as stages of instructions (continuation lines joined, comments dropped).</summary>
internal sealed class DockerfileModel
{
    public const string Path = "Dockerfile";

    private DockerfileModel(IReadOnlyList<DockerStage> stages) => Stages = stages;

    public IReadOnlyList<DockerStage> Stages { get; }

    public DockerStage Final => Stages[^1];

    public static DockerfileModel Load()
    {
        var stages = new List<DockerStage>();
        foreach (var line in LogicalLines(Repo.Read(Path)))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var rest = space < 0 ? string.Empty : line[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var name = parts.Length >= 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[2] : $"stage{stages.Count}";
                stages.Add(new DockerStage(name, parts[0]));
            }
            else
            {
                Assert.True(stages.Count > 0, $"{Path}: {keyword} before the first FROM");
                stages[^1].Instructions.Add(new DockerInstruction(keyword, rest));
            }
        }

        return new DockerfileModel(stages);
    }

    public DockerStage Stage(string name) =>
        Stages.SingleOrDefault(s => s.Name == name) ?? throw new InvalidDataException($"{Path} has no stage '{name}'");

    /// <summary>Every ARG the file declares, with its default (null when it has none).</summary>
    public IReadOnlyDictionary<string, string?> Arguments() =>
        Stages.SelectMany(s => s.Instructions)
            .Where(i => i.Keyword == "ARG")
            .Select(i => i.Arguments.Split('=', 2))
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Length == 2 ? p[1].Trim('"') : null).FirstOrDefault(v => v is not null), StringComparer.Ordinal);

    private static IEnumerable<string> LogicalLines(string text)
    {
        var pending = string.Empty;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1].TrimEnd() + " ";
                continue;
            }

            yield return pending + line;
            pending = string.Empty;
        }
    }
}

/// <summary>One stage: its name, base image and instructions in order.</summary>
internal sealed record DockerStage(string Name, string BaseImage)
{
    public List<DockerInstruction> Instructions { get; } = [];

    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    public DockerInstruction? Single(string keyword) => All(keyword).SingleOrDefault();
}

/// <summary>One instruction, its keyword upper-cased.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments)
{
    /// <summary>COPY/ADD: the --from stage, the sources and the destination.</summary>
    public (string? From, IReadOnlyList<string> Sources, string Destination) Copy()
    {
        var parts = Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var from = parts.FirstOrDefault(p => p.StartsWith("--from=", StringComparison.Ordinal))?["--from=".Length..];
        var paths = parts.Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToList();
        return (from, paths[..^1], paths[^1]);
    }

    /// <summary>An exec-form (JSON array) argument list, as ENTRYPOINT ["..."] has.</summary>
    public IReadOnlyList<string> ExecForm() =>
        JsonSerializer.Deserialize<string[]>(Arguments) ?? throw new InvalidDataException($"{Keyword} is not in exec form: {Arguments}");
}
