using System.Globalization;

namespace Observability.LoadSimulator.Reports;

/// <summary>Number formatting shared by the text reports (invariant culture, so reports diff cleanly).</summary>
internal static class ReportFormat
{
    public static string Ms(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Rate(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Percent(double value) => value.ToString("0.##", CultureInfo.InvariantCulture) + " %";

    public static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Bytes(long value) => value switch
    {
        >= 1L << 30 => (value / (double)(1L << 30)).ToString("0.##", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (value / (double)(1L << 20)).ToString("0.##", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (value / 1024.0).ToString("0.##", CultureInfo.InvariantCulture) + " KiB",
        _ => value.ToString(CultureInfo.InvariantCulture) + " B",
    };
}
