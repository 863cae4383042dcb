using Observability.LoadSimulator.Statistics;

namespace Observability.LoadSimulator.Reports;

/// <summary>Writes every report of a run into <c>&lt;folder&gt;/&lt;run-id&gt;/</c>.</summary>
public static class ReportWriter
{
    public const string Summary = "summary.txt";
    public const string Html = "report.html";
    public const string Markdown = "report.md";
    public const string Csv = "stats.csv";
    public const string Json = "report.json";

    /// <summary>Returns the directory written.</summary>
    public static async Task<string> WriteAsync(RunResult result, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var directory = Path.Combine(folder, result.RunId);
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, Summary), SummaryTable.ToText(result), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, Json), JsonReport.Build(result), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, Csv), CsvReport.Build(result), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, Markdown), MarkdownReport.Build(result), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, Html), HtmlReport.Build(result), cancellationToken);
        return directory;
    }
}
