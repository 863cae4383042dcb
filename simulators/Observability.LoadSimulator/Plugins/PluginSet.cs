using Observability.LoadSimulator.Faults;
using Observability.LoadSimulator.Statistics;
using Observability.LoadSimulator.Thresholds;

namespace Observability.LoadSimulator.Plugins;

/// <summary>
/// The plugins of a run, called in registration order. A plugin that throws is logged (and, when reporting,
/// becomes a failed threshold); it never fails the run.
/// </summary>
internal sealed class PluginSet
{
    private readonly List<IRunPlugin> _plugins = [];

    public void AddRange(IEnumerable<IRunPlugin> plugins) => _plugins.AddRange(plugins);

    public async Task ForEachAsync(ILogger logger, Func<IRunPlugin, CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        foreach (var plugin in _plugins)
        {
            try
            {
                await call(plugin, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Plugin {Plugin} failed", plugin.Name);
            }
        }
    }

    /// <summary>Live rows of every plugin; a plugin's row is cosmetic, so one that throws is left out.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> LiveRows()
    {
        var rows = new List<KeyValuePair<string, string>>();
        foreach (var plugin in _plugins)
        {
            try
            {
                rows.AddRange(plugin.GetLiveRows());
            }
            catch (Exception)
            {
                // Never let a live row break the view.
            }
        }

        return rows;
    }

    /// <summary>
    /// Adds every plugin's series, fault windows and figures to <paramref name="result"/>, then their thresholds
    /// to <paramref name="thresholds"/>: series and fault windows first, as a recovery threshold reads another
    /// plugin's lag series.
    /// </summary>
    public RunResult Report(RunResult result, List<ThresholdResult> thresholds, ILogger logger)
    {
        var series = new List<PluginSeries>();
        var faults = new List<FaultWindow>();
        var figures = new List<RunFigure>();
        var reporting = new List<IRunPlugin>();
        foreach (var plugin in _plugins)
        {
            if (Try(plugin, thresholds, logger, () =>
            {
                series.AddRange(plugin.GetSeries());
                faults.AddRange(plugin.GetFaultWindows());
                figures.AddRange(plugin.GetFigures());
            }))
            {
                reporting.Add(plugin);
            }
        }

        faults.Sort((a, b) => a.PlannedStartSeconds.CompareTo(b.PlannedStartSeconds));
        result = result with { PluginSeries = series, Faults = faults, Figures = figures };
        foreach (var plugin in reporting)
        {
            var verdicts = result;
            Try(plugin, thresholds, logger, () => thresholds.AddRange(plugin.EvaluateThresholds(verdicts)));
        }

        return result;
    }

    private static bool Try(IRunPlugin plugin, List<ThresholdResult> thresholds, ILogger logger, Action report)
    {
        try
        {
            report();
            return true;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Plugin {Plugin} failed to report", plugin.Name);
            thresholds.Add(new ThresholdResult(null, $"plugin {plugin.Name} reports", false, "error: " + ex.Message));
            return false;
        }
    }
}
