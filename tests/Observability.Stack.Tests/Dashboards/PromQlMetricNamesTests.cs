using Observability.Stack.Tests.Support;

namespace Observability.Stack.Tests.Dashboards;

public sealed class PromQlMetricNamesTests
{
    [Theory]
    [InlineData("histogram_quantile(0.95, sum by (le, stream) (rate(kit_processing_duration_seconds_bucket{stream=~\"$stream\"}[$__rate_interval])))", "kit_processing_duration_seconds_bucket")]
    [InlineData("sum by (outcome) (rate(kit_messages_processed_total{outcome=\"nak\", le=\"0.1\"}[5m])) or on() vector(0)", "kit_messages_processed_total")]
    [InlineData("max by (stream, consumer) (a_metric) > bool 0 and max by (stream, consumer) (changes(b_metric[5m] offset 1h)) == 0", "a_metric,b_metric")]
    [InlineData("sum(rate(x_total[1m])) by (job) / ignoring(code) group_left sum(y_total) * 1e-9", "x_total,y_total")]
    [InlineData("{__name__=\"named_by_matcher\", job=\"api\"}", "named_by_matcher")]
    [InlineData("deriv(max by (stream) (lag{label=\"by (fake_metric)\"})[5m:30s])", "lag")]
    [InlineData("up{job=~\"api|processors\"} == 0", "up")]
    public void Extracts_metric_names_and_nothing_else(string expression, string expected)
    {
        var names = PromQlMetricNames.Extract(expression);
        Assert.Equal(expected.Split(',').Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_catalog_covers_histogram_series_but_not_unknown_names()
    {
        var catalog = MetricCatalog.Parse("""
            | metric | type | unit | labels | meaning |
            | --- | --- | --- | --- | --- |
            | `kit_processing_duration_seconds` | histogram | s | `stream` | Time. |
            | `kit_redeliveries_total` | counter | {message} | `stream` | Count. |
            """.Replace("            ", string.Empty, StringComparison.Ordinal));

        Assert.True(catalog.Covers("kit_processing_duration_seconds_bucket"));
        Assert.True(catalog.Covers("kit_processing_duration_seconds_count"));
        Assert.True(catalog.Covers("kit_redeliveries_total"));
        Assert.False(catalog.Covers("kit_redeliveries_total_count"));
        Assert.False(catalog.Covers("kit_unknown_total"));
        Assert.False(catalog.Covers("metric"));
    }

    [Fact]
    public void The_repository_catalog_lists_the_core_metrics()
    {
        var catalog = MetricCatalog.Instance;
        Assert.Equal("histogram", catalog.Types["kit_processing_duration_seconds"]);
        Assert.Equal("gauge", catalog.Types["kit_consumer_lag_seconds"]);
        Assert.Equal("gauge", catalog.Types["kit_fault_active"]);
        Assert.Equal("counter", catalog.Types["kit_faults_injected_total"]);
        Assert.True(catalog.Types.Count >= 30, $"only {catalog.Types.Count} metrics parsed from docs/metrics.md");
    }
}
