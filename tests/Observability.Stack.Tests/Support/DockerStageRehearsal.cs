namespace Observability.Stack.Tests.Support;

/// <summary>
/// Replays a Dockerfile's WORKDIR, ARG, COPY and RUN instructions on this machine, one temporary folder per stage
/// standing in for its filesystem, so that a build step (the restore) runs for real without a Docker engine.
/// Only what the kit's Dockerfile uses is supported: any other instruction before the stop point fails the test.
/// </summary>
internal sealed class DockerStageRehearsal : IDisposable
{
    private readonly DockerfileModel _dockerfile;
    private readonly IReadOnlyDictionary<string, string> _buildArgs;
    private readonly IReadOnlyList<string> _ignoredFolderNames;
    private readonly Dictionary<string, string> _stageRoots = new(StringComparer.Ordinal);

    public DockerStageRehearsal(DockerfileModel dockerfile, IReadOnlyDictionary<string, string> buildArgs)
    {
        _dockerfile = dockerfile;
        _buildArgs = buildArgs;
        Root = Directory.CreateTempSubdirectory("kit-docker-rehearsal-").FullName;

        // `**/bin/`-style entries of .dockerignore: folders of these names never reach the build context.
        _ignoredFolderNames = Repo.Read(".dockerignore").Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("**/", StringComparison.Ordinal) && l.EndsWith('/'))
            .Select(l => l[3..^1])
            .ToList();
    }

    /// <summary>Outside the repository, so that no Directory.Build.props above it leaks into the replay.</summary>
    public string Root { get; }

    /// <summary>Runs a stage's instructions until <paramref name="stopAfter"/> matches one (inclusive).</summary>
    public async Task<string> RunStageAsync(string stageName, Func<DockerInstruction, bool> stopAfter)
    {
        var stage = _dockerfile.Stage(stageName);
        var stageRoot = Path.Combine(Root, stageName);
        Directory.CreateDirectory(stageRoot);
        _stageRoots[stageName] = stageRoot;
        var workdir = "/";
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);

        foreach (var instruction in stage.Instructions)
        {
            switch (instruction.Keyword)
            {
                case "WORKDIR":
                    workdir = instruction.Arguments;
                    Directory.CreateDirectory(InStage(stageRoot, workdir, "."));
                    break;
                case "ARG":
                    var parts = instruction.Arguments.Split('=', 2);
                    environment[parts[0]] = _buildArgs.TryGetValue(parts[0], out var given) ? given : parts.Length == 2 ? parts[1] : string.Empty;
                    break;
                case "COPY":
                    Copy(instruction, stageRoot, workdir);
                    break;
                case "RUN":
                    var result = await ExternalTool.RunAsync("sh", ["-c", instruction.Arguments], InStage(stageRoot, workdir, "."), environment, TimeSpan.FromMinutes(5));
                    Assert.True(result.ExitCode == 0, $"Stage {stageName}: RUN {instruction.Arguments}\n{result.Describe()}");
                    break;
                default:
                    Assert.Fail($"The rehearsal does not replay {instruction.Keyword} (stage {stageName}); teach it or move the instruction after the stop point.");
                    break;
            }

            if (stopAfter(instruction))
            {
                return InStage(stageRoot, workdir, ".");
            }
        }

        Assert.Fail($"Stage {stageName} ended before the stop point");
        return stageRoot;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private void Copy(DockerInstruction instruction, string stageRoot, string workdir)
    {
        var (from, sources, destination) = instruction.Copy();
        var target = InStage(stageRoot, workdir, destination);
        foreach (var source in sources)
        {
            string origin;
            if (from is null)
            {
                origin = RepositoryRoot.Combine(source.TrimEnd('/'));
                Assert.True(File.Exists(origin) || Directory.Exists(origin), $"COPY {source}: not in the build context");
            }
            else
            {
                Assert.True(_stageRoots.TryGetValue(from, out var fromRoot), $"COPY --from={from}: that stage was not replayed first");
                origin = InStage(fromRoot!, "/", source);
            }

            if (Directory.Exists(origin))
            {
                CopyFolder(origin, source.EndsWith('/') || destination.EndsWith('/') ? target : Path.Combine(target, Path.GetFileName(origin)));
            }
            else
            {
                var file = destination.EndsWith('/') || sources.Count > 1 ? Path.Combine(target, Path.GetFileName(origin)) : target;
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.Copy(origin, file, overwrite: true);
            }
        }
    }

    private void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var folder in Directory.EnumerateDirectories(from).Where(d => !_ignoredFolderNames.Contains(Path.GetFileName(d))))
        {
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    private static string InStage(string stageRoot, string workdir, string path)
    {
        var absolute = path.StartsWith('/') ? path : $"{workdir.TrimEnd('/')}/{path}";
        return Path.GetFullPath(Path.Combine(stageRoot, absolute.TrimStart('/')));
    }
}
