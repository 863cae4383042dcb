using System.Text.Json;
using Observability.Contracts.Clickstream;
using Observability.Operations.Scanning;

namespace Observability.Operations.Audit;

/// <summary>One partition's reading of CLICKSTREAM: each readable event's sequence, kind and minute; the unreadable sequences.</summary>
internal sealed class ClickTally(string? runId)
{
    public Dictionary<string, List<CountedClick>> ByWindow { get; } = new(StringComparer.Ordinal);

    public List<ulong> UnreadableSequences { get; } = [];

    public long Messages { get; private set; }

    /// <summary>Same key as the engagement projection: the event-time minute, <c>yyyyMMddHHmm</c> in UTC.</summary>
    public static string WindowKey(DateTimeOffset eventTime) => eventTime.UtcDateTime.ToString("yyyyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture);

    public void Add(ScannedMessage message)
    {
        Messages++;
        var read = EventReading.Read(message.Headers, message.Data);
        if (read.Event is not IClickEvent click)
        {
            UnreadableSequences.Add(message.Sequence);
            return;
        }

        var key = WindowKey(read.EventTime);
        if (!ByWindow.TryGetValue(key, out var list))
        {
            ByWindow[key] = list = [];
        }

        list.Add(new CountedClick(message.Sequence, ClickKinds.Of(click), runId is not null && EventReading.RunIdOf(message.Headers) == runId));
    }

    public static EngagementWindowRecord? ReadWindow(ScannedMessage message)
    {
        try
        {
            return JsonSerializer.Deserialize(message.Data, AuditJson.Default.EngagementWindowRecord);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A readable click event: its sequence, kind (<see cref="ClickKinds"/>) and whether it is of the audited run.</summary>
internal readonly record struct CountedClick(ulong Sequence, string Kind, bool InRun);
