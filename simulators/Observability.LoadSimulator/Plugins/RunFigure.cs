namespace Observability.LoadSimulator.Plugins;

/// <summary>
/// One measured number of a run, typed, for scripts to read from <c>report.json</c> (a threshold's
/// <c>actual</c> is prose for people).
/// </summary>
/// <param name="Scenario">The scenario it belongs to.</param>
/// <param name="Name">snake_case name, e.g. <c>freshness_p99_ms</c>; stable: scripts key on it.</param>
/// <param name="Value">The value; null when it could not be measured (e.g. lag never drained).</param>
/// <param name="Unit">UCUM-style unit: <c>ms</c>, <c>s</c>, <c>{message}</c>, <c>{message}/s</c>, <c>{replica}</c>.</param>
public sealed record RunFigure(string Scenario, string Name, double? Value, string Unit);
