using System.CommandLine;
using System.Globalization;
using Observability.Cli.Output;
using Observability.Operations.Audit;

namespace Observability.Cli.Commands;

/// <summary><c>kit audit</c>: the delivery audit; exit code 1 when anything was lost, doubled, reordered or is wrong.</summary>
public static class AuditCommand
{
    public static Command Create(KitConsole console)
    {
        var runId = new Option<string?>("--run-id") { Description = "Only the events of this load run (header kit-run-id)" };
        var wait = new Option<string?>("--wait") { Description = "First wait up to this long for consumer lag 0 (e.g. 30s)" };
        var noEngagement = new Option<bool>("--no-engagement") { Description = "Skip the engagement windows" };
        var examples = new Option<int>("--examples") { Description = "Findings listed per kind (all are counted)", DefaultValueFactory = _ => 10 };
        var command = new Command("audit", "Check that every stored event reached its read model once and in order") { runId, wait, noEngagement, examples };
        KitAction.Set(command, console, async (parse, console, session, cancellationToken) =>
        {
            var options = new AuditOptions
            {
                RunId = parse.GetValue(runId),
                Wait = parse.GetValue(wait) is { } w ? Durations.Parse(w, "--wait") : null,
                Engagement = !parse.GetValue(noEngagement),
                MaxExamplesPerKind = Math.Max(0, parse.GetValue(examples)),
            };
            var report = await new DeliveryAudit(session.Js).RunAsync(options, cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                await JsonOutput.WriteAsync(console.Out, report);
            }
            else
            {
                await WriteAsync(console.Out, report);
            }

            return report.HasFailures ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter output, AuditReport report)
    {
        static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
        var o = report.Orders;
        await output.WriteLineAsync($"Delivery audit{(report.RunId is null ? "" : $" of run {report.RunId}")}, {report.Duration.TotalSeconds:0.0} s");
        await output.WriteLineAsync($"Orders: {N(o.Orders)} audited, {N(o.Checked)} checked OK; {N(o.Messages)} ORDERS messages ({N(o.Unreadable)} unreadable), {N(o.Summaries)} summaries");
        var table = new TextTable("", "LOST", "APPLIED TWICE", "OUT OF ORDER", "WRONG", "DEAD-LETTERED", "PENDING", "AGED OUT");
        table.Add("orders", N(o.Findings[FindingKinds.Lost]), N(o.Findings[FindingKinds.AppliedTwice]), N(o.Findings[FindingKinds.OutOfOrder]),
            N(o.Findings[FindingKinds.Wrong]), N(o.Findings[FindingKinds.DeadLettered]), N(o.Findings[FindingKinds.Pending]), "-");
        if (report.Engagement is { } e)
        {
            table.Add("windows", N(e.Findings[FindingKinds.Lost]), N(e.Findings[FindingKinds.AppliedTwice]), "-",
                N(e.Findings[FindingKinds.Wrong]), N(e.Findings[FindingKinds.DeadLettered]), N(e.Findings[FindingKinds.Pending]), N(e.Findings[FindingKinds.AgedOut]));
        }

        await table.WriteAsync(output);
        if (report.Engagement is { } engagement)
        {
            await output.WriteLineAsync($"Engagement: {N(engagement.Windows)} windows audited, {N(engagement.Checked)} checked OK; {N(engagement.Messages)} CLICKSTREAM messages ({N(engagement.Unreadable)} unreadable)");
            foreach (var note in engagement.Notes)
            {
                await output.WriteLineAsync($"  note: {note}");
            }
        }

        foreach (var backlog in report.InFlight)
        {
            await output.WriteLineAsync($"Still in flight: {backlog.Stream}/{backlog.Consumer} has {N((long)backlog.Lag)} message(s) not processed (ack floor {backlog.AckFloor})");
        }

        var findings = o.Findings.Examples.Concat(report.Engagement?.Findings.Examples ?? []).ToList();
        if (findings.Count > 0)
        {
            await output.WriteLineAsync();
            var list = new TextTable("KIND", "ORDER/WINDOW", "SEQUENCES", "DETAIL");
            foreach (var f in findings)
            {
                list.Add(f.Kind, f.Key, string.Join(",", f.Sequences), f.Detail);
            }

            await list.WriteAsync(output);
        }

        await output.WriteLineAsync(report.HasFailures ? "RESULT: FAILED (lost, applied twice, out of order or wrong)" : "RESULT: OK");
    }
}
