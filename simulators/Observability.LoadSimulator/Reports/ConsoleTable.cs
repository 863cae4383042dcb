using System.Globalization;
using Spectre.Console;

namespace Observability.LoadSimulator.Reports;

/// <summary>
/// Console tables that stay readable at 80 columns: number columns never wrap (a number split over two lines,
/// "26.23" over "9", reads as two numbers) and are right-aligned; only the first, name column wraps.
/// </summary>
internal static class ConsoleTable
{
    public static Table Numbers(string nameColumn, params string[] numberColumns)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn(nameColumn));
        foreach (var column in numberColumns)
        {
            table.AddColumn(new TableColumn(column).RightAligned().NoWrap());
        }

        return table;
    }

    /// <summary>Three significant digits at most (1234 stays whole): 0.0213, 2.09, 14.2, 121.</summary>
    public static string Short(double value) => value switch
    {
        >= 100 or <= -100 => value.ToString("0", CultureInfo.InvariantCulture),
        >= 10 or <= -10 => value.ToString("0.#", CultureInfo.InvariantCulture),
        >= 1 or <= -1 => value.ToString("0.##", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };
}
