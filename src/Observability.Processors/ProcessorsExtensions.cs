using NATS.Client.JetStream;
using Observability.Contracts.Topology;
using Observability.Messaging.Consuming;
using Observability.Messaging.Faults;
using Observability.Messaging.Lag;
using Observability.Processors.Engagement;
using Observability.Processors.Orders;
using Observability.ServiceDefaults;

namespace Observability.Processors;

public static class ProcessorsExtensions
{
    /// <summary>Registers the roles chosen in <c>Processors:Roles</c> (all by default). Expects <c>AddServiceDefaults()</c> first.</summary>
    public static IHostApplicationBuilder AddProcessors(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ProcessorsOptions.Section).Get<ProcessorsOptions>() ?? new ProcessorsOptions();
        var services = builder.Services;
        services.AddSingleton(options);
        Func<IServiceProvider, CancellationToken, Task> topologyReady = (sp, ct) => sp.GetRequiredService<TopologyInitializer>().Ready.WaitAsync(ct);

        if (options.FaultSwitches)
        {
            services.AddFaultSwitchboard();
        }

        if (options.Runs(ProcessorRoles.OrderSummary))
        {
            services.AddEventConsumer(sp => ObeyingFaults(sp, options, OrderSummaryHost(options)), sp => new OrderSummaryProjection(sp.GetRequiredService<INatsJSContext>()), topologyReady);
        }

        if (options.Runs(ProcessorRoles.Engagement))
        {
            services.AddEventConsumer(sp => ObeyingFaults(sp, options, EngagementHost(options)), sp => new EngagementProjection(sp.GetRequiredService<INatsJSContext>()), topologyReady);
        }

        if (options.Runs(ProcessorRoles.DeadLetters))
        {
            services.AddMaxDeliveriesDeadLetters(LagMonitorOptions.Default.Consumers);
        }

        if (options.Runs(ProcessorRoles.LagMonitor))
        {
            services.AddLagMonitor(LagMonitorOptions.Default with { Interval = options.LagInterval });
        }

        return builder;
    }

    /// <summary>The consumer with the process's fault switchboard around its handler and at its pull gate (unless switched off).</summary>
    private static ConsumerHostOptions ObeyingFaults(IServiceProvider services, ProcessorsOptions options, ConsumerHostOptions host) =>
        options.FaultSwitches
            ? new FaultInjector(services.GetRequiredService<FaultSwitchboard>(), host.Consumer, services.GetRequiredService<ILogger<FaultInjector>>()).WireInto(host)
            : host;

    public static ConsumerHostOptions OrderSummaryHost(ProcessorsOptions options) => new()
    {
        Stream = Streams.Orders,
        Consumer = Consumers.OrderSummary,
        Concurrency = options.Concurrency,
        PullBatchSize = options.PullBatchSize,
        MaxHandlerBatch = options.MaxHandlerBatch,
        ValidateSchemas = options.ValidateSchemas,
    };

    /// <summary>One partition: windows are shared by all clickstream subjects, so concurrency would only add CAS conflicts.</summary>
    public static ConsumerHostOptions EngagementHost(ProcessorsOptions options) => new()
    {
        Stream = Streams.Clickstream,
        Consumer = Consumers.Engagement,
        Concurrency = 1,
        PullBatchSize = options.PullBatchSize,
        MaxHandlerBatch = options.EngagementBatch,
        ValidateSchemas = options.ValidateSchemas,
        // Windows record every sequence they counted: order does not matter, and holding would stall a whole click kind.
        HoldSubjectAfterFailure = false,
    };
}
