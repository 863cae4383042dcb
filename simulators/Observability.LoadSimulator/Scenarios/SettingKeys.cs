namespace Observability.LoadSimulator.Scenarios;

/// <summary>
/// Names of the built-in scenarios' custom settings (<c>--set key=value</c>, config <c>settings</c>): the pipeline
/// scenarios' targets and knobs, and the fault timeline's.
/// </summary>
public static class SettingKeys
{
    public const string Api = "api";
    public const string Nats = "nats";
    public const string Processors = "processors";
    public const string Replicas = "replicas";
    public const string SampleEvery = "sampleEvery";
    public const string MaxDrainSeconds = "maxDrainSeconds";
    public const string Via = "via";
    public const string KneeStart = "kneeStart";
    public const string KneeFactor = "kneeFactor";
    public const string KneeStepSeconds = "kneeStepSeconds";
    public const string KneeSteps = "kneeSteps";
    public const string KneeMaxP99Ms = "kneeMaxP99Ms";

    /// <summary>Shell command a <c>broker restart</c> step runs (default <c>scripts/run-local.sh restart-broker</c>).</summary>
    public const string BrokerRestartCommand = "brokerRestartCommand";

    /// <summary>The command may run at most this many seconds (default 60).</summary>
    public const string BrokerRestartTimeoutSeconds = "brokerRestartTimeoutSeconds";

    /// <summary>Recovery threshold: lag back to 0 within this many seconds of the last fault's end (default 30).</summary>
    public const string MaxRecoverySeconds = "maxRecoverySeconds";

    /// <summary>The consumer whose redeliveries, lag and recovery are measured (default order-summary).</summary>
    public const string WatchConsumer = "faultConsumer";

    /// <summary>"false" turns the delivery audit threshold off (default on once the audit is available).</summary>
    public const string Audit = "audit";
}
