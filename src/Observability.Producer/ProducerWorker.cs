using NATS.Client.Core;
using Observability.Contracts.Events;
using Observability.Messaging.Publishing;
using Observability.Producer.Orders;
using Observability.Producer.Scheduling;
using Observability.Producer.World;
using Observability.ServiceDefaults;

namespace Observability.Producer;

/// <summary>
/// The synthetic producer: waits for the JetStream topology, builds the world of its seed, then runs scheduler rounds:
/// each round takes what is due from the <see cref="ProductionPlan"/>, runs order steps through the command handler
/// (different orders in parallel, one order's steps in sequence) and publishes the round's clicks in one pipelined
/// batch, then sleeps until the next item is due (at least <see cref="ProducerOptions.Tick"/>).
/// </summary>
internal sealed class ProducerWorker(
    ProducerOptions options,
    TopologyInitializer topology,
    EventPublisher publisher,
    OrderStepExecutor executor,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<ProducerWorker> logger) : BackgroundService
{
    private long _stepsRun;
    private long _clicksPublished;

    /// <summary>The seed in use (the configured one, or the one picked at start-up).</summary>
    public int Seed { get; } = options.Seed ?? throw new InvalidOperationException("The seed is resolved when the producer is added.");

    public long StepsRun => Interlocked.Read(ref _stepsRun);

    public long ClicksPublished => Interlocked.Read(ref _clicksPublished);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await topology.Ready.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var world = SyntheticWorld.Create(Seed, options.Customers, options.Products);
        var plan = new ProductionPlan(world, options, clock.GetUtcNow());
        ProducerMetrics.TargetRate.WithLabels(ProducerMetrics.Flow.Orders).Set(options.OrdersPerSecond);
        ProducerMetrics.TargetRate.WithLabels(ProducerMetrics.Flow.Clicks).Set(options.ClicksPerSecond);
        logger.LogInformation(
            "Producer started: seed {Seed}, {OrdersPerSecond} orders/s, {ClicksPerSecond} clicks/s, duration {Duration}, run id {RunId}, {Products} products in {Categories} categories, {Customers} customers",
            Seed, options.OrdersPerSecond, options.ClicksPerSecond, options.Duration == TimeSpan.Zero ? "until stopped" : options.Duration.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            options.RunId ?? "(none)", world.Products.Count, world.Categories.Length, world.Customers.Count);

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = clock.GetUtcNow();
                var earliest = plan.NextDue;
                var round = plan.Poll(now);
                ProducerMetrics.PendingSteps.Set(plan.PendingSteps);
                if (!round.IsEmpty)
                {
                    ProducerMetrics.ScheduleLag.Set(earliest is { } due && due < now ? (now - due).TotalSeconds : 0);
                    await RunRoundAsync(round, stoppingToken);
                }

                if (plan.IsComplete)
                {
                    logger.LogInformation("Producer done: {Orders} orders, {Steps} order steps, {Clicks} clicks", plan.OrdersStarted, StepsRun, ClicksPublished);
                    if (options.StopWhenDone)
                    {
                        lifetime.StopApplication();
                    }

                    return;
                }

                var after = clock.GetUtcNow();
                var wait = (plan.NextDue ?? after) - after;
                await Task.Delay(wait > options.Tick ? wait : options.Tick, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Graceful stop: every command is atomic (appended or not), so an interrupted lifecycle is still legal.
        }

        logger.LogInformation("Producer stopped: {Orders} orders started, {Steps} order steps, {Clicks} clicks", plan.OrdersStarted, StepsRun, ClicksPublished);
    }

    private async Task RunRoundAsync(ProducerRound round, CancellationToken cancellationToken)
    {
        var steps = Parallel.ForEachAsync(
            round.StepsByOrder,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentCommands, CancellationToken = cancellationToken },
            async (group, token) =>
            {
                foreach (var due in group)
                {
                    await executor.ExecuteAsync(due.Step, token);
                    Interlocked.Increment(ref _stepsRun);
                }
            });
        await Task.WhenAll(steps, PublishClicksAsync(round, cancellationToken));
    }

    private async Task PublishClicksAsync(ProducerRound round, CancellationToken cancellationToken)
    {
        if (round.Clicks.Count == 0)
        {
            return;
        }

        var batch = round.Clicks.Select(c => ((IEvent)c.Event, (PublishOptions?)new PublishOptions { EventId = c.EventId, RunId = options.RunId, RetryFor = options.PublishRetryFor }));
        try
        {
            var results = await publisher.PublishManyAsync(batch, cancellationToken);
            Interlocked.Add(ref _clicksPublished, results.Count);
        }
        catch (Exception ex) when (ex is PublishFailedException or NatsException or TimeoutException)
        {
            // Counted per event by the publisher (outcome failed); the clickstream is a lossy buffer anyway.
            logger.LogWarning("Producer click batch of {Count} failed: {Error}", round.Clicks.Count, ex.Message);
        }
    }
}
