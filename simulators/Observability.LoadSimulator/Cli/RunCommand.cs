using Observability.LoadSimulator.Config;
using Observability.LoadSimulator.Faults;
using Observability.LoadSimulator.Metrics;
using Observability.LoadSimulator.Plugins;
using Observability.LoadSimulator.Reports;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Scheduling;
using Observability.LoadSimulator.Simulations;
using Spectre.Console;

namespace Observability.LoadSimulator.Cli;

/// <summary><c>loadsim run</c>: code defaults, then the JSON config, then flags; run; reports; exit code.</summary>
internal static class RunCommand
{
    public static async Task<int> ExecuteAsync(RunArguments args, ScenarioCatalog catalog, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var config = args.Config is { } path ? await ConfigLoader.LoadAsync(path, cancellationToken) : LoadSimConfig.Empty;
        var scenarioPlugins = new List<IRunPlugin>();
        var scenarios = ScenarioSelection.Build(args, catalog, config, scenarioPlugins);
        var options = ConfigApplier.Apply(RunOptions.Default, config);
        options = options with
        {
            Seed = args.Seed ?? options.Seed,
            RunId = args.RunId ?? options.RunId,
            MaxConcurrency = args.MaxConcurrency ?? options.MaxConcurrency,
            GracePeriod = args.Grace ?? options.GracePeriod,
            ReportingInterval = args.Interval ?? options.ReportingInterval,
        };
        options = options with { RunId = options.RunId ?? RunOptions.NewRunId(DateTimeOffset.UtcNow) };
        var reportFolder = args.ReportFolder ?? config.ReportFolder ?? "reports";
        var metricsPort = args.MetricsPort ?? config.MetricsPort ?? 8090;
        var linger = args.MetricsLinger ?? TimeSpan.Zero;
        var grafanaUrl = args.GrafanaUrl ?? config.GrafanaUrl;
        var live = !args.NoLive && console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;

        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        var logger = loggerFactory.CreateLogger("loadsim");
        var runner = LoadRunner.RegisterScenarios([.. scenarios]).WithOptions(options).WithLoggerFactory(loggerFactory);
        runner.WithPlugins([.. scenarioPlugins]);

        WebApplication? metricsServer = null;
        if (metricsPort != 0)
        {
            runner.WithMetrics(new LoadSimMetrics(Prometheus.Metrics.DefaultRegistry));
            try
            {
                metricsServer = await MetricsServer.StartAsync(metricsPort, Prometheus.Metrics.DefaultRegistry, cancellationToken);
                console.MarkupLine($"[grey]metrics on http://localhost:{metricsPort}/metrics[/]");
            }
            catch (IOException ex)
            {
                // A busy port must not cost the run: report it and go on without /metrics.
                logger.LogWarning("Cannot serve /metrics on port {Port}: {Message}", metricsPort, ex.Message);
            }
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        if (grafanaUrl is not null)
        {
            if (!Uri.TryCreate(grafanaUrl, UriKind.Absolute, out var grafana))
            {
                throw new InvalidLoadSimulationException($"--grafana-url '{grafanaUrl}' is not an absolute URL.");
            }

            var annotations = new GrafanaAnnotationsPlugin(http, grafana, GrafanaAnnotationsPlugin.AuthorizationFromEnvironment(), logger);
            runner.WithPlugins(annotations);
            foreach (var timeline in scenarioPlugins.OfType<FaultTimelinePlugin>())
            {
                timeline.WithAnnotator(annotations);
            }
        }

        try
        {
            console.MarkupLine($"run [bold]{Markup.Escape(options.RunId!)}[/]: {Markup.Escape(string.Join(", ", scenarios.Select(s => $"{s.Name} [{string.Join(", ", s.LoadSimulations)}]")))}");
            var run = runner.RunAsync(cancellationToken);
            if (live)
            {
                await LiveView.RunAsync(console, runner, run, TimeProvider.System, cancellationToken);
            }

            var result = await run;
            console.Write(SummaryTable.Build(result));
            var directory = await ReportWriter.WriteAsync(result, reportFolder, CancellationToken.None);
            console.MarkupLine($"reports: [link]{Markup.Escape(directory)}[/]");
            if (metricsServer is not null && linger > TimeSpan.Zero && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(linger, cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
            }

            return result.ExitCode;
        }
        finally
        {
            if (metricsServer is not null)
            {
                await metricsServer.StopAsync(CancellationToken.None);
                await metricsServer.DisposeAsync();
            }
        }
    }
}
