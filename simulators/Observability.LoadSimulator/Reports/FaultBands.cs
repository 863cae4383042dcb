using System.Globalization;
using Observability.LoadSimulator.Faults;
using Observability.LoadSimulator.Statistics;
using Observability.LoadSimulator.Thresholds;

namespace Observability.LoadSimulator.Reports;

/// <summary>Fault windows as chart bands and report rows, labelled F1, F2, ... in start order.</summary>
internal static class FaultBands
{
    private static readonly Dictionary<string, string> Colors = new(StringComparer.Ordinal)
    {
        [Contracts.Faults.FaultKinds.Exception] = "#d62728",
        [Contracts.Faults.FaultKinds.FailAfterWrite] = "#9467bd",
        [Contracts.Faults.FaultKinds.Slow] = "#ff7f0e",
        [Contracts.Faults.FaultKinds.Crash] = "#8c564b",
        [Contracts.Faults.FaultKinds.Stall] = "#e377c2",
        [FaultStep.BrokerRestart] = "#17becf",
    };

    public static IReadOnlyList<ChartBand> From(IReadOnlyList<FaultWindow> faults) =>
        [.. faults.Select((f, i) => (Fault: f, Label: Label(i)))
            .Where(x => x.Fault.StartSeconds is not null)
            .Select(x => new ChartBand(
                $"{x.Label} {x.Fault.Kind}",
                $"{x.Label}: {x.Fault.Step} ({Window(x.Fault)}, {x.Fault.Status})",
                x.Fault.StartSeconds!.Value,
                x.Fault.EndSeconds ?? x.Fault.StartSeconds!.Value,
                Colors.GetValueOrDefault(x.Fault.Kind, "#7f7f7f")))];

    /// <summary>The recovery thresholds (time from the last fault's end to lag 0), repeated under the fault table.</summary>
    public static IEnumerable<ThresholdResult> Recovery(RunResult result) =>
        result.Thresholds.Where(t => t.Name.EndsWith(RecoveryCheckPlugin.RecoveryThresholdSuffix, StringComparison.Ordinal));

    public static string Label(int index) => "F" + (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The actual window, e.g. <c>20.0-50.0 s (30.0 s)</c>, or what happened instead.</summary>
    public static string Window(FaultWindow fault) => fault switch
    {
        { StartSeconds: { } start, EndSeconds: { } end } => string.Create(CultureInfo.InvariantCulture, $"{start:0.0}-{end:0.0} s ({end - start:0.0} s)"),
        { StartSeconds: { } start } => string.Create(CultureInfo.InvariantCulture, $"from {start:0.0} s, not ended"),
        _ => "not started",
    };

    public static string Planned(FaultWindow fault) =>
        fault.PlannedEndSeconds > fault.PlannedStartSeconds
            ? string.Create(CultureInfo.InvariantCulture, $"{fault.PlannedStartSeconds:0.#}-{fault.PlannedEndSeconds:0.#} s")
            : string.Create(CultureInfo.InvariantCulture, $"at {fault.PlannedStartSeconds:0.#} s");

    public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    public static string Lag(FaultWindow fault) =>
        string.Create(CultureInfo.InvariantCulture, $"{(fault.LagAtStart is { } a ? a.ToString("0", CultureInfo.InvariantCulture) : "-")} -> {(fault.LagAtEnd is { } b ? b.ToString("0", CultureInfo.InvariantCulture) : "-")}");
}
