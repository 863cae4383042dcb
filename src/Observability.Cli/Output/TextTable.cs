namespace Observability.Cli.Output;

/// <summary>A plain text table: a header row and left-aligned columns as wide as their widest cell.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public int Count => _rows.Count;

    public TextTable Add(params string?[] cells)
    {
        _rows.Add([.. cells.Select(c => c ?? "-")]);
        return this;
    }

    public async Task WriteAsync(TextWriter writer)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Select(r => i < r.Length ? r[i].Length : 0).DefaultIfEmpty(0).Max())).ToArray();
        await writer.WriteLineAsync(Line(headers, widths));
        foreach (var row in _rows)
        {
            await writer.WriteLineAsync(Line(row, widths));
        }
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
