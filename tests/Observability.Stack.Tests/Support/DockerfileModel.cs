using System.Text.RegularExpressions;

namespace Observability.Stack.Tests.Support;

/// <summary>The lines of a service Dockerfile the tests reason about.</summary>
internal sealed partial class DockerfileModel
{
    private DockerfileModel(string path, string[] lines)
    {
        Path = path;
        Lines = lines;
    }

    public string Path { get; }

    public string[] Lines { get; }

    /// <summary>The project `dotnet publish` builds, repository-relative.</summary>
    public string PublishedProject => Argument(PublishCommand(), "publish");

    /// <summary>The project `dotnet restore` restores, repository-relative.</summary>
    public string RestoredProject => Argument(RestoreCommand(), "restore");

    public int RestoreLine => Array.FindIndex(Lines, l => RestoreCommand().IsMatch(l));

    public static DockerfileModel Load(string repositoryRelativePath) =>
        new(repositoryRelativePath, Repo.Read(repositoryRelativePath).Split('\n'));

    /// <summary>Repository-relative files and folders COPY'd from the build context before a given line.</summary>
    public IReadOnlyList<string> CopiedBefore(int line) =>
        Lines.Take(line)
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from=", StringComparison.Ordinal))
            .SelectMany(l =>
            {
                var parts = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return parts.Skip(1).Take(parts.Length - 2); // sources only
            })
            .ToList();

    private string Argument(Regex command, string verb)
    {
        var line = Lines.FirstOrDefault(command.IsMatch)
                   ?? throw new InvalidDataException($"{Path} has no `dotnet {verb}` line");
        return command.Match(line).Groups["project"].Value;
    }

    [GeneratedRegex(@"dotnet\s+publish\s+(?<project>\S+\.csproj)")]
    private static partial Regex PublishCommand();

    [GeneratedRegex(@"dotnet\s+restore\s+(?<project>\S+\.csproj)")]
    private static partial Regex RestoreCommand();
}
