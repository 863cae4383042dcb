using System.Globalization;
using System.Net;
using System.Text;

namespace Observability.LoadSimulator.Reports;

/// <summary>Renders line charts as inline SVG, so report.html needs no script or CDN.</summary>
internal static class SvgChart
{
    private const int Width = 860;
    private const int Height = 260;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 30;
    private const int Bottom = 40;

    /// <summary>
    /// A line chart; <paramref name="bands"/> are drawn behind the lines as shaded windows with a label, and a
    /// warm-up (seconds from the start) as a grey one. Axes end on a round tick.
    /// </summary>
    public static string Line(string title, string unit, IReadOnlyList<ChartSeries> series, IReadOnlyList<ChartBand>? bands = null, double warmUpSeconds = 0)
    {
        bands ??= [];
        var points = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.Y)).ToList();
        var (maxX, stepX) = Axis(Math.Max(points.Count == 0 ? 1 : Math.Max(points.Max(p => p.X), 1e-9), Math.Max(warmUpSeconds, bands.Count == 0 ? 0 : bands.Max(b => b.End))));
        var (maxY, stepY) = Axis(points.Count == 0 ? 1 : Math.Max(points.Max(p => p.Y), 1e-9));
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        double X(double x) => Left + (x / maxX * plotW);
        double Y(double y) => Top + plotH - (y / maxY * plotH);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\">");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"18\" font-weight=\"bold\">{WebUtility.HtmlEncode(title)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotW}\" height=\"{plotH}\" fill=\"none\" stroke=\"#ccc\"/>");
        if (warmUpSeconds > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"warm-up\"><title>warm-up (not in the statistics)</title><rect x=\"{Left}\" y=\"{Top}\" width=\"{X(warmUpSeconds) - Left:0.#}\" height=\"{plotH}\" fill=\"#999\" fill-opacity=\"0.15\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + 4}\" y=\"{Top + plotH - 6}\" font-size=\"10\" fill=\"#666\">warm-up</text></g>");
        }

        foreach (var band in bands)
        {
            // At least 2 px wide, so a broker restart of a second still shows on a long run.
            var x = X(Math.Max(band.Start, 0));
            var width = Math.Max(X(band.End) - x, 2);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"fault-band\"><title>{WebUtility.HtmlEncode(band.Title)}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{Top}\" width=\"{width:0.#}\" height=\"{plotH}\" fill=\"{band.Color}\" fill-opacity=\"0.15\" stroke=\"{band.Color}\" stroke-opacity=\"0.5\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 3:0.#}\" y=\"{Top + plotH - 6}\" font-size=\"10\" fill=\"{band.Color}\" transform=\"rotate(-90 {x + 3:0.#} {Top + plotH - 6})\" dy=\"8\">{WebUtility.HtmlEncode(band.Label)}</text></g>");
        }

        for (var i = 0; i * stepY <= maxY * (1 + 1e-9); i++)
        {
            var yValue = i * stepY;
            var y = Y(yValue);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Left + plotW}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#eee\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"11\">{Format(yValue)}</text>");
        }

        for (var i = 0; i * stepX <= maxX * (1 + 1e-9); i++)
        {
            var xValue = i * stepX;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(xValue):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\">{Format(xValue)} s</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"12\" y=\"{Top + (plotH / 2)}\" font-size=\"11\" transform=\"rotate(-90 12 {Top + (plotH / 2)})\" text-anchor=\"middle\">{WebUtility.HtmlEncode(unit)}</text>");
        var legendX = Left + 10;
        foreach (var line in series)
        {
            var path = string.Join(' ', line.Points.Where(p => double.IsFinite(p.Y)).Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.X):0.##},{Y(p.Y):0.##}")));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{line.Color}\" stroke-width=\"1.8\" points=\"{path}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{legendX}\" y=\"{Top + 6}\" width=\"10\" height=\"10\" fill=\"{line.Color}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{legendX + 14}\" y=\"{Top + 15}\" font-size=\"11\">{WebUtility.HtmlEncode(line.Name)}</text>");
            legendX += 24 + (line.Name.Length * 7);
        }

        if (bands.Count > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{legendX}\" y=\"{Top + 6}\" width=\"10\" height=\"10\" fill=\"{bands[0].Color}\" fill-opacity=\"0.3\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{legendX + 14}\" y=\"{Top + 15}\" font-size=\"11\">fault windows (see Faults)</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>A round tick step (1, 2 or 5 times a power of ten) giving at most 5 intervals, and the axis end on it.</summary>
    internal static (double Max, double Step) Axis(double max)
    {
        var rough = max / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(f => f * magnitude).First(s => s >= rough);
        return (Math.Ceiling((max / step) - 1e-9) * step, step);
    }

    private static string Format(double value) =>
        value >= 1000 ? value.ToString("0", CultureInfo.InvariantCulture)
        : value >= 10 ? value.ToString("0.#", CultureInfo.InvariantCulture)
        : value.ToString("0.##", CultureInfo.InvariantCulture);
}
