using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Observability.Contracts.Events;
using Observability.Contracts.Topology;
using Observability.Messaging.Telemetry;
using Prometheus;

namespace Observability.Messaging.Publishing;

/// <summary>
/// Publishes events to JetStream in CloudEvents binary mode with W3C trace context, and checks every ack:
/// the client does not throw on a server rejection, so a missing check would lose events silently.
/// A dedup <c>Duplicate</c> ack is success (the event is stored once).
/// </summary>
public sealed class EventPublisher(INatsJSContext js, EventPublisherOptions? options = null)
{
    /// <summary>JetStream error code for "wrong last sequence" (optimistic concurrency).</summary>
    private const int WrongLastSequence = 10071;

    // Label children resolved once per label set, not on every publish.
    private static readonly ConcurrentDictionary<(string Stream, string EventType, string Outcome), Counter.Child> PublishedCounters = new();
    private static readonly ConcurrentDictionary<string, Histogram.Child> DurationHistograms = new(StringComparer.Ordinal);

    private readonly EventPublisherOptions _options = options ?? EventPublisherOptions.Default;
    private readonly ConcurrentDictionary<EventTypeInfo, string> _dataSchemas = new();

    public EventPublisherOptions Options => _options;

    /// <summary>Publishes one event and waits for the broker's ack.</summary>
    /// <exception cref="AppendConflictException">the expected last subject sequence did not match.</exception>
    /// <exception cref="PublishFailedException">the broker refused or did not answer.</exception>
    public async Task<PublishResult> PublishAsync(IEvent e, PublishOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= PublishOptions.Default;
        if (options.RunId is null && RunIdFromBaggage() is { } runId)
        {
            options = options with { RunId = runId };
        }

        var type = EventCatalog.Of(e);
        var route = e.Route;
        var eventId = options.EventId ?? Guid.CreateVersion7().ToString("N");
        var data = EventCatalog.Serialize(e);

        using var activity = KitActivities.Source.StartActivity($"publish {route.DestinationTemplate}", ActivityKind.Producer);
        if (activity is { IsAllDataRequested: true })
        {
            MessagingSpans.TagOperation(activity, "publish", "send", route.Subject, route.DestinationTemplate, route.Stream);
            MessagingSpans.TagEvent(activity, eventId, type.Name, e);
            activity.SetTag(KitActivities.BodySize, data.Length);
            if (options.RunId is not null)
            {
                activity.SetTag(KitActivities.LoadRunId, options.RunId);
            }
        }

        var headers = BuildHeaders(e, route, type, eventId, options);
        TraceContext.Inject(activity, headers);

        var pubOpts = new NatsJSPubOpts
        {
            MsgId = eventId,
            ExpectedLastSubjectSequence = options.ExpectedLastSubjectSequence,
        };

        var started = Stopwatch.GetTimestamp();
        var retryDelay = TimeSpan.FromMilliseconds(100);
        PubAckResponse ack;
        while (true)
        {
            try
            {
                ack = await js.PublishAsync(route.Subject, data, opts: pubOpts, headers: headers, cancellationToken: cancellationToken);
                break;
            }
            catch (Exception ex) when (ex is NatsException or TimeoutException && Stopwatch.GetElapsedTime(started) + retryDelay < options.RetryFor)
            {
                // Same id, same expectation: if the lost attempt was stored, the dedup window answers Duplicate.
                Record(route.Stream, type.Name, PublisherMetrics.Outcome.Retried, activity: null, errorType: null);
                await Task.Delay(retryDelay, cancellationToken);
                retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
            catch (Exception ex) when (ex is NatsException or TimeoutException)
            {
                ObserveDuration(route.Stream, started);
                Record(route.Stream, type.Name, PublisherMetrics.Outcome.Failed, activity, ex.GetType().Name);
                throw new PublishFailedException(route.Subject, ex.Message, ex);
            }
        }

        ObserveDuration(route.Stream, started);

        if (ack.Error is { } error)
        {
            if (error.ErrCode == WrongLastSequence)
            {
                PublisherMetrics.AppendConflicts.WithLabels(route.Stream).Inc();
                Record(route.Stream, type.Name, PublisherMetrics.Outcome.Rejected, activity, "wrong_last_sequence");
                throw new AppendConflictException(route.Subject, options.ExpectedLastSubjectSequence, error.Description ?? "wrong last sequence");
            }

            Record(route.Stream, type.Name, PublisherMetrics.Outcome.Rejected, activity, $"jetstream_{error.ErrCode}");
            throw new PublishFailedException(route.Subject, $"{error.Code} {error.ErrCode} {error.Description}");
        }

        var outcome = ack.Duplicate ? PublisherMetrics.Outcome.Duplicate : PublisherMetrics.Outcome.Stored;
        Record(route.Stream, type.Name, outcome, activity, errorType: null);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(KitActivities.StreamSequence, ack.Seq);
            activity.SetTag(KitActivities.Duplicate, ack.Duplicate);
        }

        return new PublishResult(eventId, ack.Stream ?? route.Stream, ack.Seq, ack.Duplicate);
    }

    /// <summary>
    /// Pipelined bulk publish: keeps up to <see cref="EventPublisherOptions.MaxInFlight"/> publishes awaiting their
    /// acks (a sliding window), checks every ack, and returns the results in input order. Throws on the first failure
    /// after the publishes already in flight have settled.
    /// </summary>
    public async Task<IReadOnlyList<PublishResult>> PublishManyAsync(
        IEnumerable<(IEvent Event, PublishOptions? Options)> events, CancellationToken cancellationToken = default)
    {
        var results = new List<PublishResult>();
        var window = new Queue<Task<PublishResult>>(_options.MaxInFlight);
        try
        {
            foreach (var (e, o) in events)
            {
                if (window.Count >= _options.MaxInFlight)
                {
                    results.Add(await window.Dequeue());
                }

                window.Enqueue(PublishAsync(e, o, cancellationToken));
            }

            while (window.Count > 0)
            {
                results.Add(await window.Dequeue());
            }
        }
        catch
        {
            // Let in-flight publishes settle so none is abandoned half-way, then report the first failure.
            await Task.WhenAll(window.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            throw;
        }

        return results;
    }

    private NatsHeaders BuildHeaders(IEvent e, in EventRoute route, EventTypeInfo type, string eventId, PublishOptions options)
    {
        var headers = new NatsHeaders
        {
            [MessageHeaders.SpecVersion] = MessageHeaders.CloudEventsSpecVersion,
            [MessageHeaders.Id] = eventId,
            [MessageHeaders.Type] = type.Name,
            [MessageHeaders.Source] = _options.Source,
            [MessageHeaders.Time] = e.OccurredAt.ToString("O", CultureInfo.InvariantCulture),
            [MessageHeaders.DataSchema] = _dataSchemas.GetOrAdd(type, t => new Uri(_options.SchemaBaseUri, t.DataSchema).AbsoluteUri),
            [MessageHeaders.ContentType] = MessageHeaders.JsonContentType,
        };
        if (route.Key is not null)
        {
            headers[MessageHeaders.Subject] = route.Key;
        }

        headers[MessageHeaders.CorrelationId] = options.CorrelationId ?? route.Key ?? eventId;
        if (options.CausationId is not null)
        {
            headers[MessageHeaders.CausationId] = options.CausationId;
        }

        if (options.RunId is not null)
        {
            headers[MessageHeaders.LoadRunId] = options.RunId;
        }

        return headers;
    }

    /// <summary>
    /// A load run's id travels as W3C baggage (<c>kit-run-id</c>) on the request that led to this publish (an API
    /// command sent by loadsim), so the run's events carry it too, whichever path they took.
    /// </summary>
    private static string? RunIdFromBaggage() =>
        Activity.Current?.GetBaggageItem(MessageHeaders.LoadRunId) ?? OpenTelemetry.Baggage.GetBaggage(MessageHeaders.LoadRunId);

    private static void ObserveDuration(string stream, long started) =>
        DurationHistograms.GetOrAdd(stream, s => PublisherMetrics.PublishDuration.WithLabels(s)).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);

    private static void Record(string stream, string eventType, string outcome, Activity? activity, string? errorType)
    {
        PublishedCounters.GetOrAdd((stream, eventType, outcome), k => PublisherMetrics.EventsPublished.WithLabels(k.Stream, k.EventType, k.Outcome)).Inc();
        if (errorType is not null && activity is not null)
        {
            MessagingSpans.TagError(activity, errorType);
        }
    }
}
