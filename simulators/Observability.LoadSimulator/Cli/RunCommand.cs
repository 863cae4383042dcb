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
    public static async Task<int> ExecuteAsync(CliArguments args, ScenarioCatalog catalog, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var config = args.String("config") is { } path ? await ConfigLoader.LoadAsync(path, cancellationToken) : LoadSimConfig.Empty;
        var scenarioPlugins = new List<IRunPlugin>();
        var scenarios = BuildScenarios(args, catalog, config, scenarioPlugins);
        var options = ConfigApplier.Apply(RunOptions.Default, config);
        options = options with
        {
            Seed = args.Int("seed") ?? options.Seed,
            RunId = args.String("run-id") ?? options.RunId,
            MaxConcurrency = args.Int("max-concurrency") ?? options.MaxConcurrency,
            GracePeriod = args.Duration("grace") ?? options.GracePeriod,
            ReportingInterval = args.Duration("interval") ?? options.ReportingInterval,
        };
        options = options with { RunId = options.RunId ?? RunOptions.NewRunId(DateTimeOffset.UtcNow) };
        var reportFolder = args.String("report-folder") ?? config.ReportFolder ?? "reports";
        var metricsPort = args.Int("metrics-port") ?? config.MetricsPort ?? 8090;
        var linger = args.Duration("metrics-linger") ?? TimeSpan.Zero;
        var grafanaUrl = args.String("grafana-url") ?? config.GrafanaUrl;
        var live = !args.Has("no-live") && console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;
        args.RejectUnknown();

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

    internal static List<ScenarioProps> BuildScenarios(CliArguments args, ScenarioCatalog catalog, LoadSimConfig config, List<IRunPlugin>? plugins = null)
    {
        var maxDrain = args.String("max-drain-seconds");
        var names = args.Positional.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (names.Count == 0)
        {
            names = [.. config.Scenarios.Select(s => s.Name)];
        }

        if (names.Count == 0)
        {
            throw new InvalidLoadSimulationException("Name a scenario: loadsim run <scenario> (see loadsim list).");
        }

        var cliFaults = args.Faults.Count > 0 ? FaultTimeline.Validate(args.Faults.Select(FaultStepParser.Parse), "--fault") : null;
        var timelines = new List<IRunPlugin>();
        var recoveries = new List<IRunPlugin>();
        var scenarios = new List<ScenarioProps>();
        foreach (var name in names)
        {
            if (!catalog.TryGet(name, out var entry))
            {
                throw new InvalidLoadSimulationException($"Unknown scenario '{name}'. Known: {string.Join(", ", catalog.Entries.Select(e => e.Name))}.");
            }

            var scenarioConfig = config.For(name);
            var settings = new Dictionary<string, string>(scenarioConfig?.Settings ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            foreach (var (key, value) in args.Settings)
            {
                settings[key] = value;
            }

            if (maxDrain is not null)
            {
                settings[Pipeline.PipelineSettingKeys.MaxDrainSeconds] = maxDrain;
            }

            var setup = entry.Setup(settings);
            plugins?.AddRange(setup.Plugins);
            if ((cliFaults ?? scenarioConfig?.Faults ?? setup.Faults) is { Count: > 0 } faults)
            {
                // The timeline goes first (its switches are cleared before the pipeline plugin waits for the drain),
                // the recovery checks last (they read the drained lag and audit after it).
                var timeline = new FaultTimelinePlugin(FaultSettings.From(settings), name, faults);
                timelines.Add(timeline);
                recoveries.Add(new RecoveryCheckPlugin(timeline, DeliveryAuditors.For(settings)));
            }

            var props = ConfigApplier.Apply(setup.Scenario, scenarioConfig).WithSettings(settings);
            if (args.Duration("warm-up") is { } warmUp)
            {
                props = props.WithWarmUpDuration(warmUp);
            }

            props = props.WithThresholds(props.Thresholds with
            {
                MaxLatencyP99Ms = args.Double("max-p99-ms") ?? props.Thresholds.MaxLatencyP99Ms,
                MaxFailPercent = args.Double("max-fail-percent") ?? props.Thresholds.MaxFailPercent,
                AbortWhenFailPercentAbove = args.Double("abort-fail-percent") ?? props.Thresholds.AbortWhenFailPercentAbove,
            });
            scenarios.Add(props);
        }

        plugins?.InsertRange(0, timelines);
        plugins?.AddRange(recoveries);
        return ApplyLoadFlags(args, scenarios);
    }

    /// <summary>--rate/--copies/--duration replace the load; a combined --rate is split by weight.</summary>
    private static List<ScenarioProps> ApplyLoadFlags(CliArguments args, List<ScenarioProps> scenarios)
    {
        var rate = args.Double("rate");
        var copies = args.Int("copies");
        var duration = args.Duration("duration");
        if (rate is not null && copies is not null)
        {
            throw new InvalidLoadSimulationException("--rate (open model) and --copies (closed model) cannot be combined.");
        }

        var totalWeight = scenarios.Sum(s => s.Weight);
        return [.. scenarios.Select(s =>
        {
            if (rate is { } r)
            {
                return s.WithLoadSimulations(Simulation.Inject(r * s.Weight / totalWeight, TimeSpan.FromSeconds(1), duration ?? TimeSpan.FromSeconds(30)));
            }

            if (copies is { } c)
            {
                return s.WithLoadSimulations(Simulation.KeepConstant(c, duration ?? TimeSpan.FromSeconds(30)));
            }

            if (duration is { } d)
            {
                return s.LoadSimulations.Count == 1 && s.LoadSimulations[0].Kind != LoadSimulationKind.IterationsForConstant
                    ? s.WithLoadSimulations(s.LoadSimulations[0] with { During = d })
                    : throw new InvalidLoadSimulationException($"--duration alone needs a single-phase load simulation; '{s.Name}' has {s.LoadSimulations.Count}. Use --rate, --copies or the config.");
            }

            return s;
        })];
    }
}
