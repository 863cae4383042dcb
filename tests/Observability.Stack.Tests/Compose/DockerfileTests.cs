using System.Xml.Linq;
using Observability.Stack.Tests.Support;

namespace Observability.Stack.Tests.Compose;

public sealed class DockerfileTests
{
    public static TheoryData<string> Dockerfiles() => new(
        "src/Observability.Api/Dockerfile",
        "src/Observability.Processors/Dockerfile",
        "src/Observability.Producer/Dockerfile",
        "src/Observability.Cli/Dockerfile",
        "simulators/Observability.LoadSimulator/Dockerfile");

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Builds_with_the_SDK_and_runs_on_the_ASP_NET_runtime_as_a_non_root_user_with_a_health_check(string path)
    {
        var dockerfile = DockerfileModel.Load(path);
        var from = dockerfile.Lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, from.Count);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0", from[0], StringComparison.Ordinal);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", from[1], StringComparison.Ordinal);
        Assert.Contains(dockerfile.Lines, l => l.Trim() == "USER $APP_UID");
        Assert.Contains(dockerfile.Lines, l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        Assert.Equal(dockerfile.RestoredProject, dockerfile.PublishedProject);
        Assert.Equal(System.IO.Path.GetDirectoryName(path), System.IO.Path.GetDirectoryName(dockerfile.PublishedProject));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Copies_every_project_and_build_file_the_restore_needs_before_restoring(string path)
    {
        // Restore runs before the sources are copied (layer caching), so each transitively referenced
        // project file, and every Directory.*.props / global.json on the way up, must be copied first.
        var dockerfile = DockerfileModel.Load(path);
        Assert.True(dockerfile.RestoreLine > 0, $"{path} has no dotnet restore line");
        var copied = dockerfile.CopiedBefore(dockerfile.RestoreLine);

        var needed = ProjectClosure(dockerfile.RestoredProject)
            .Concat(BuildFilesAbove(dockerfile.RestoredProject))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var missing = needed.Where(n => !copied.Contains(n, StringComparer.Ordinal)).ToList();
        Assert.True(missing.Count == 0,
            $"{path} restores {dockerfile.RestoredProject} without first copying:\n{string.Join("\n", missing)}\n" +
            "Add a COPY line for each before `RUN dotnet restore`.");
    }

    [Fact]
    public void The_dockerignore_keeps_build_outputs_and_tool_caches_out_of_the_context()
    {
        var lines = Repo.Read(".dockerignore").Split('\n').Select(l => l.Trim()).ToList();
        Assert.All(["**/bin/", "**/obj/", ".git", ".tools/", ".run/"], e => Assert.Contains(e, lines));
    }

    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([project]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            if (!seen.Add(current))
            {
                continue;
            }

            Assert.True(Repo.Exists(current), $"{current} does not exist");
            var directory = System.IO.Path.GetDirectoryName(current)!;
            foreach (var reference in XDocument.Parse(Repo.Read(current)).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', '/');
                var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot.Path, directory, include));
                queue.Enqueue(System.IO.Path.GetRelativePath(RepositoryRoot.Path, full).Replace('\\', '/'));
            }
        }

        return seen;
    }

    private static IEnumerable<string> BuildFilesAbove(string project)
    {
        string[] names = ["global.json", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", ".editorconfig"];
        var directory = System.IO.Path.GetDirectoryName(project);
        while (true)
        {
            foreach (var name in names)
            {
                var candidate = string.IsNullOrEmpty(directory) ? name : $"{directory}/{name}";
                if (Repo.Exists(candidate))
                {
                    yield return candidate;
                }
            }

            if (string.IsNullOrEmpty(directory))
            {
                yield break;
            }

            directory = System.IO.Path.GetDirectoryName(directory);
        }
    }
}
