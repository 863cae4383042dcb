using System.Xml.Linq;
using Observability.Stack.Tests.Support;

namespace Observability.Stack.Tests.Compose;

/// <summary>
/// The root Dockerfile builds every .NET service; docker-compose.yml picks the service with build args.
/// These tests check the one file against every service that uses it, and replay its restore for real.
/// </summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> BuiltServices() => new(ComposeFile.Load().Services
        .Where(s => Yaml.At(s.Value, "build") is not null)
        .Select(s => s.Key)
        .Order(StringComparer.Ordinal));

    [Fact]
    public void Builds_with_the_SDK_and_runs_on_the_ASP_NET_runtime_as_a_non_root_user_with_a_health_check()
    {
        var dockerfile = DockerfileModel.Load();
        Assert.All(dockerfile.Stages.SkipLast(1), s => Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", s.BaseImage, StringComparison.Ordinal));
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", dockerfile.Final.BaseImage, StringComparison.Ordinal);
        Assert.Equal("$APP_UID", dockerfile.Final.Single("USER")?.Arguments);
        Assert.NotNull(dockerfile.Final.Single("HEALTHCHECK"));
        Assert.All(dockerfile.Final.All("COPY"), c => Assert.Equal("build", c.Copy().From)); // only the published output
    }

    [Fact]
    public void Every_deployable_project_is_a_compose_service_built_from_the_root_Dockerfile()
    {
        // A deployable is a web or console project under src/ or simulators/; each one gets an image.
        var deployables = Directory.EnumerateFiles(RepositoryRoot.Combine("src"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(RepositoryRoot.Combine("simulators"), "*.csproj", SearchOption.AllDirectories))
            .Select(p => Path.GetRelativePath(RepositoryRoot.Path, p).Replace('\\', '/'))
            .Where(IsDeployable)
            .Order(StringComparer.Ordinal)
            .ToList();
        var compose = ComposeFile.Load();
        var built = compose.Services.Where(s => Yaml.At(s.Value, "build") is not null).ToList();

        Assert.All(built, s => Assert.Equal(".", Yaml.String(s.Value, "build", "context")));
        Assert.All(built, s => Assert.Equal(DockerfileModel.Path, Yaml.String(s.Value, "build", "dockerfile")));
        Assert.Equal(deployables, built.Select(s => Yaml.String(s.Value, "build", "args", "PROJECT")).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(BuiltServices))]
    public void Each_service_gives_every_required_build_arg_and_names_the_assembly_its_project_produces(string service)
    {
        var dockerfile = DockerfileModel.Load();
        var declared = dockerfile.Arguments();
        var args = BuildArgs(service);

        Assert.All(args.Keys, a => Assert.True(declared.ContainsKey(a), $"{service} passes build arg {a}, which the Dockerfile does not declare"));
        Assert.All(declared.Where(d => d.Value is null), d => Assert.True(args.ContainsKey(d.Key), $"{service} does not pass the required build arg {d.Key}"));

        var project = args["PROJECT"];
        Assert.True(Repo.Exists(project), $"{service}: {project} does not exist");
        Assert.Contains(project, Repo.Read("Observability.sln").Replace('\\', '/'), StringComparison.Ordinal);
        Assert.Equal(AssemblyName(project), args["ASSEMBLY"]);
    }

    [Fact]
    public async Task The_entrypoint_runs_the_assembly_named_by_the_build_arg_with_the_compose_command_as_its_arguments()
    {
        // Run the image's entrypoint from a real build output, the way the runtime stage lays it out
        // (WORKDIR /app holds the published dlls), with a compose-style command after it.
        var dockerfile = DockerfileModel.Load();
        var entrypoint = dockerfile.Final.Single("ENTRYPOINT")!.ExecForm();
        var loadsim = KitService.FindBuildOutput("simulators", "Observability.LoadSimulator", "loadsim");
        var environment = new Dictionary<string, string?> { ["KIT_ASSEMBLY"] = BuildArgs("loadsim")["ASSEMBLY"] };
        Assert.Contains(dockerfile.Final.All("ENV"), e => e.Arguments.Contains("KIT_ASSEMBLY=$ASSEMBLY", StringComparison.Ordinal));

        var result = await ExternalTool.RunAsync(entrypoint[0], [.. entrypoint.Skip(1), "list"], Path.GetDirectoryName(loadsim), environment, TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("orders-http", result.StandardOutput, StringComparison.Ordinal); // `loadsim list` printed the scenarios
    }

    [Theory]
    [MemberData(nameof(BuiltServices))]
    public async Task The_restore_inputs_are_enough_to_restore_each_service_before_its_sources_are_copied(string service)
    {
        // Replays the restore-inputs stage and the build stage up to `dotnet restore` in a temporary folder: a
        // project file, Directory.*.props or global.json the restore needs but the Dockerfile does not copy
        // fails here as it would fail `docker compose build`.
        var dockerfile = DockerfileModel.Load();
        using var rehearsal = new DockerStageRehearsal(dockerfile, BuildArgs(service));
        var restoreInputs = await rehearsal.RunStageAsync("restore-inputs", i => i == dockerfile.Stage("restore-inputs").Instructions[^1]);
        Assert.DoesNotContain(Directory.EnumerateFiles(restoreInputs, "*", SearchOption.AllDirectories),
            f => Path.GetExtension(f) is not ".csproj" and not ".props" and not ".targets");

        var workdir = await rehearsal.RunStageAsync("build", i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        var project = BuildArgs(service)["PROJECT"];
        Assert.True(File.Exists(Path.Combine(workdir, Path.GetDirectoryName(project)!, "obj", "project.assets.json")),
            $"dotnet restore of {project} left no project.assets.json");
    }

    [Fact]
    public void The_dockerignore_keeps_build_outputs_and_tool_caches_out_of_the_context()
    {
        var lines = Repo.Read(".dockerignore").Split('\n').Select(l => l.Trim()).ToList();
        Assert.All(["**/bin/", "**/obj/", ".git", ".tools/", ".run/"], e => Assert.Contains(e, lines));
    }

    private static Dictionary<string, string> BuildArgs(string service) =>
        Yaml.MapOrEmpty(Yaml.At(ComposeFile.Load().Services[service], "build", "args"))
            .ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? string.Empty, StringComparer.Ordinal);

    private static bool IsDeployable(string project)
    {
        var root = XDocument.Parse(Repo.Read(project)).Root!;
        return root.Attribute("Sdk")?.Value == "Microsoft.NET.Sdk.Web"
               || root.Descendants("OutputType").Any(o => o.Value == "Exe");
    }

    private static string AssemblyName(string project) =>
        XDocument.Parse(Repo.Read(project)).Descendants("AssemblyName").LastOrDefault()?.Value
        ?? Path.GetFileNameWithoutExtension(project);
}
