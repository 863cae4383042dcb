using System.Text.RegularExpressions;

namespace Observability.Stack.Tests.Dashboards;

/// <summary>
/// The docs name dashboards the way Grafana shows them: by their titles. A renamed dashboard, or a name written from
/// memory (*Reactive analytics* for "Business analytics"), fails here.
/// </summary>
public sealed partial class DashboardNamesInDocsTests
{
    public static TheoryData<string> Documents() => new(
        new[] { "README.md" }
            .Concat(Directory.GetFiles(RepositoryRoot.Combine("docs"), "*.md").Select(f => "docs/" + Path.GetFileName(f)))
            .Order(StringComparer.Ordinal));

    [Fact]
    public void The_README_lists_every_dashboard_by_its_title()
    {
        // "Then open Grafana at ... (dashboards *A*, *B*, ...)": one paragraph, names in italics.
        var paragraph = Paragraphs(Read("README.md")).Single(p => p.Contains("open Grafana", StringComparison.Ordinal));
        Assert.Equal(Titles().Order(StringComparer.Ordinal), ItalicNames(paragraph).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_stack_docs_dashboard_table_has_one_row_per_dashboard_title()
    {
        var doc = Read("docs/observability-stack.md");
        var table = doc[doc.IndexOf("| dashboard | shows |", StringComparison.Ordinal)..];
        var rows = table.Split('\n').Skip(2).TakeWhile(l => l.StartsWith('|')).Select(l => l.Split('|')[1].Trim());
        Assert.Equal(Titles().Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_name_in_italics_beside_the_word_dashboard_is_a_dashboard_row_panel_or_annotation_title(string document)
    {
        // In a paragraph that talks about dashboards, an italic name is a dashboard, or a row, panel or annotation
        // of one (*Fault switchboard*, *Faults*). Paragraphs without the word are left alone.
        var known = KnownNames();
        var wrong = Paragraphs(Read(document))
            .Where(p => p.Contains("dashboard", StringComparison.OrdinalIgnoreCase) && !p.Contains("Aspire dashboard", StringComparison.Ordinal))
            .SelectMany(ItalicNames)
            .Where(n => !known.Contains(n))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.True(wrong.Count == 0,
            $"{document} names dashboards (or their parts) that do not exist: {string.Join(", ", wrong.Select(w => $"*{w}*"))}\n" +
            $"Dashboard titles: {string.Join(", ", Titles())}");
    }

    private static IEnumerable<string> Titles() =>
        DashboardFile.Names().Select(n => DashboardFile.Load(n).Root["title"]!.GetValue<string>());

    /// <summary>Grafana's own UI labels the docs point at; they belong to no dashboard file.</summary>
    private static readonly string[] GrafanaLabels = ["View trace", "Alerting → Alert rules"];

    private static HashSet<string> KnownNames()
    {
        var names = new HashSet<string>(Titles().Concat(GrafanaLabels), StringComparer.Ordinal);
        var provider = Support.Yaml.ListOrEmpty(Support.Yaml.At(Support.Yaml.Load("grafana/provisioning/dashboards/dashboards.yaml"), "providers"));
        names.UnionWith(provider.Select(p => Support.Yaml.String(p, "folder")).OfType<string>());
        foreach (var dashboard in DashboardFile.Names().Select(DashboardFile.Load))
        {
            names.UnionWith(dashboard.Panels().Select(p => p["title"]?.GetValue<string>()).OfType<string>());
            names.UnionWith(dashboard.Annotations().Select(a => a["name"]?.GetValue<string>()).OfType<string>());
        }

        return names;
    }

    private static string Read(string path) => File.ReadAllText(RepositoryRoot.Combine(path));

    private static IEnumerable<string> Paragraphs(string markdown) =>
        Regex.Split(markdown.Replace("\r", "", StringComparison.Ordinal), @"\n\s*\n");

    /// <summary>*Name* in a paragraph, across a line break too; **bold** and list bullets are not italics.</summary>
    private static IEnumerable<string> ItalicNames(string paragraph) =>
        Italic().Matches(paragraph).Select(m => Regex.Replace(m.Groups["name"].Value, @"\s+", " "));

    [GeneratedRegex(@"(?<![*\w])\*(?<name>[A-Z][^*\n]*(?:\n[^*\n]+)?)\*(?![*\w])")]
    private static partial Regex Italic();
}
