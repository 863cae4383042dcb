using Observability.LoadSimulator.Pipeline;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Faults;

/// <summary>
/// The built-in chaos run (about three minutes, against scripts/run-local.sh --processors 2): steady orders through
/// the API while every kind of fault takes its turn on order-summary, then a broker restart, then the recovery
/// checks (lag back to 0 within 30 s of the last fault, and the delivery audit where the build has it).
/// </summary>
public static class RedeliveryChaos
{
    public const string Name = "redelivery-chaos";

    public const string Description =
        "Orders via the API, 20/s for 150 s, under a fault timeline on order-summary (exception, fail-after-write, slow past AckWait, crash, stall, broker restart); recovery checks.";

    /// <summary>Order load for the whole timeline plus the recovery window, so lag is measured under load.</summary>
    public static readonly LoadSimulation Load = Simulation.Inject(20, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(150));

    /// <summary>
    /// Each fault alone, with quiet gaps between, so each band in the report shows its own effect. slow 35 s is past
    /// the 30 s AckWait: the message is redelivered (to the other replica) while the first delivery still sleeps.
    /// </summary>
    public static readonly IReadOnlyList<string> Timeline =
    [
        "exception 20% on order-summary at 10s for 20s",
        "fail-after-write 20% on order-summary at 35s for 15s",
        "slow 35s x2 on order-summary at 55s for 10s",
        "crash after-write on order-summary at 75s for 5s",
        "stall 10s on order-summary at 90s for 10s",
        "broker restart at 110s",
    ];

    public static ScenarioSetup Setup(IReadOnlyDictionary<string, string> settings)
    {
        var setup = PipelineScenarios.Orders(Name, "c", settings, viaHttp: true, [Load]);
        return setup with { Faults = FaultTimeline.Validate(Timeline.Select(FaultStepParser.Parse), Name) };
    }
}
