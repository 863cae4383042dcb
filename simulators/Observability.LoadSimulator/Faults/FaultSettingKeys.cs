namespace Observability.LoadSimulator.Faults;

/// <summary>Custom settings (<c>--set key=value</c>, config <c>settings</c>) of a scenario's fault timeline.</summary>
public static class FaultSettingKeys
{
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
