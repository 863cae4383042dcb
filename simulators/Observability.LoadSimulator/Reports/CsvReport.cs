using System.Globalization;
using System.Text;
using Observability.LoadSimulator.Statistics;

namespace Observability.LoadSimulator.Reports;

/// <summary>stats.csv: one row per scenario and interval. Summed per scenario, the counts equal report.json.</summary>
internal static class CsvReport
{
    public const string Header =
        "scenario,start_s,end_s,intended,started,completed,failed,dropped,timed_out,target_rate,achieved_rate,latency_p50_ms,latency_p99_ms,in_flight,copies";

    public static string Build(RunResult result)
    {
        var csv = new StringBuilder().Append(Header).Append('\n');
        foreach (var scenario in result.Scenarios)
        {
            foreach (var i in scenario.Intervals)
            {
                csv.Append(CultureInfo.InvariantCulture,
                    $"{Quote(scenario.Name)},{i.StartSeconds:0.###},{i.EndSeconds:0.###},{i.Intended},{i.Started},{i.Completed},{i.Failed},{i.Dropped},{i.TimedOut},{i.TargetRate:0.###},{i.AchievedRate:0.###},{i.LatencyP50Ms:0.###},{i.LatencyP99Ms:0.###},{i.InFlight},{i.Copies}\n");
            }
        }

        return csv.ToString();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
