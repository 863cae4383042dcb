using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NATS.Net;
using Observability.Contracts.Clickstream;
using Observability.Contracts.Events;
using Observability.Contracts.Topology;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Simulations;
using Observability.Messaging.Publishing;
using Observability.Messaging.Topology;

namespace Observability.LoadSimulator.Pipeline;

/// <summary>
/// Scenarios that drive the real pipeline (API -> ORDERS -> processors -> KV) and measure it with a
/// <see cref="PipelinePlugin"/>: consumer lag, freshness, drain time and, for find-knee, the highest sustainable rate.
/// Every event carries the run id (<c>kit-run-id</c> header; over HTTP <c>X-Run-Id</c> and W3C <c>baggage</c>).
/// </summary>
public static class PipelineScenarios
{
    /// <summary>HTTP header with the run id on POST /orders (informational; the W3C baggage is what the API passes on to the events).</summary>
    public const string RunIdHeader = "X-Run-Id";

    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    public static void Register(ScenarioCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.RegisterWithPlugins("orders-http", "POST /orders through the API, 50/s for 30 s (settings: api, nats, sampleEvery, maxDrainSeconds).", OrdersHttp);
        catalog.RegisterWithPlugins("orders-publish", "OrderPlaced straight into ORDERS via EventPublisher, 200/s for 30 s (settings: nats).", OrdersPublish);
        catalog.RegisterWithPlugins("clickstream-firehose", "Clickstream events into CLICKSTREAM, 2000/s for 30 s; engagement lag.", ClickstreamFirehose);
        catalog.RegisterWithPlugins("flash-sale", "Orders ramp 0 -> 500/s in 20 s, hold 40 s (setting via=publish|http).", FlashSale);
        catalog.RegisterWithPlugins("spike", "Orders 100/s for 20 s, 1000/s for 10 s, 100/s for 30 s (via=publish|http).", Spike);
        catalog.RegisterWithPlugins("soak", "Orders 100/s for 10 min; --duration shortens it (via=publish|http).", Soak);
        catalog.RegisterWithPlugins(Faults.RedeliveryChaos.Name, Faults.RedeliveryChaos.Description, Faults.RedeliveryChaos.Setup);
        catalog.RegisterWithPlugins("find-knee", "Order publish rate x kneeFactor every kneeStepSeconds until lag keeps growing or p99 > kneeMaxP99Ms; reports the knee.", FindKnee);
    }

    public static ScenarioSetup OrdersHttp(IReadOnlyDictionary<string, string> settings) =>
        Orders("orders-http", string.Empty, settings, viaHttp: true, [Simulation.Inject(50, Second, TimeSpan.FromSeconds(30))]);

    public static ScenarioSetup OrdersPublish(IReadOnlyDictionary<string, string> settings) =>
        Orders("orders-publish", "p", settings, viaHttp: false, [Simulation.Inject(200, Second, TimeSpan.FromSeconds(30))]);

    public static ScenarioSetup FlashSale(IReadOnlyDictionary<string, string> settings) =>
        Orders("flash-sale", "f", settings, PipelineSettings.From(settings).ViaHttp,
            [Simulation.RampingInject(500, Second, TimeSpan.FromSeconds(20)), Simulation.Inject(500, Second, TimeSpan.FromSeconds(40))]);

    public static ScenarioSetup Spike(IReadOnlyDictionary<string, string> settings) =>
        Orders("spike", "s", settings, PipelineSettings.From(settings).ViaHttp,
            [Simulation.Inject(100, Second, TimeSpan.FromSeconds(20)), Simulation.Inject(1000, Second, TimeSpan.FromSeconds(10)), Simulation.Inject(100, Second, TimeSpan.FromSeconds(30))]);

    public static ScenarioSetup Soak(IReadOnlyDictionary<string, string> settings) =>
        Orders("soak", "k", settings, PipelineSettings.From(settings).ViaHttp, [Simulation.Inject(100, Second, TimeSpan.FromMinutes(10))]);

    /// <summary>Steps the publish rate up geometrically; the plugin judges each step and ends the load past the knee.</summary>
    public static ScenarioSetup FindKnee(IReadOnlyDictionary<string, string> settings)
    {
        var s = PipelineSettings.From(settings);
        if (s.KneeSteps < 1 || s.KneeFactor <= 1 || s.KneeStartRate <= 0 || s.KneeStep < TimeSpan.FromSeconds(2))
        {
            throw new InvalidLoadSimulationException("find-knee needs kneeSteps >= 1, kneeFactor > 1, kneeStart > 0 and kneeStepSeconds >= 2.");
        }

        var steps = Enumerable.Range(0, s.KneeSteps)
            .Select(i => Simulation.Inject(Math.Round(s.KneeStartRate * Math.Pow(s.KneeFactor, i)), Second, s.KneeStep))
            .ToArray();
        return Orders("find-knee", "n", settings, s.ViaHttp, steps, findKnee: true);
    }

    public static ScenarioSetup ClickstreamFirehose(IReadOnlyDictionary<string, string> settings)
    {
        var s = PipelineSettings.From(settings);
        var plugin = new PipelinePlugin(s, "clickstream-firehose", Streams.Clickstream, Consumers.Engagement);
        EventPublisher? publisher = null;
        NatsClient? nats = null;
        var scenario = Scenario.Create("clickstream-firehose", async ctx =>
        {
            var click = Click(ctx);
            try
            {
                var result = await publisher!.PublishAsync(click, new PublishOptions { RunId = ctx.RunId }, ctx.CancellationToken);
                return Response.Ok(result.Duplicate ? "duplicate" : "stored");
            }
            catch (PublishFailedException ex)
            {
                return Response.Fail("publish_failed", ex.Message);
            }
        })
        .WithInit(async init =>
        {
            nats = await ConnectAsync(s, init.CancellationToken);
            publisher = new EventPublisher(nats.CreateJetStreamContext(), EventPublisherOptions.Default with { Source = "/loadsim" });
        })
        .WithClean(async _ =>
        {
            if (nats is not null)
            {
                await nats.DisposeAsync();
            }
        })
        .WithLoadSimulations(Simulation.Inject(2000, Second, TimeSpan.FromSeconds(30)))
        .WithSettings(settings);
        return new ScenarioSetup(scenario, [plugin]);
    }

    /// <summary>An order scenario measured by a <see cref="PipelinePlugin"/> on order-summary; ids <c>lt-&lt;runid&gt;-&lt;idTag&gt;&lt;n&gt;</c>.</summary>
    internal static ScenarioSetup Orders(string name, string idTag, IReadOnlyDictionary<string, string> settings, bool viaHttp, LoadSimulation[] load, bool findKnee = false)
    {
        var s = PipelineSettings.From(settings);
        var plugin = new PipelinePlugin(s, name, Streams.Orders, Consumers.OrderSummary, findKnee);
        NatsClient? nats = null;
        EventPublisher? publisher = null;
        HttpClient? http = null;
        var ordersUri = new Uri(s.ApiUrl, "/orders");

        var scenario = Scenario.Create(name, async ctx =>
        {
            var orderId = OrderId(ctx.RunId, idTag, ctx.InvocationNumber);
            var order = OrderFactory.Create(orderId, ctx.Random, ctx.Time.GetUtcNow());
            var sample = !ctx.IsWarmUp && ctx.InvocationNumber % s.SampleEvery == 0;
            var sent = ctx.Time.GetTimestamp();
            if (viaHttp)
            {
                return await PostAsync(http!, ordersUri, order, ctx, sample ? seq => plugin.TrackFreshness(orderId, seq, sent) : null);
            }

            try
            {
                var result = await publisher!.PublishAsync(order, new PublishOptions { RunId = ctx.RunId, EventId = orderId + "-placed" }, ctx.CancellationToken);
                if (sample)
                {
                    plugin.TrackFreshness(orderId, result.Sequence, sent);
                }

                return Response.Ok(result.Duplicate ? "duplicate" : "stored");
            }
            catch (PublishFailedException ex)
            {
                return Response.Fail("publish_failed", ex.Message);
            }
        })
        .WithInit(async init =>
        {
            _ = OrderId(init.RunId, idTag, 0); // a run id that makes bad order ids fails here, before any load
            if (viaHttp)
            {
                // One client per run; the handler does not add its own trace headers: we send ours.
                http = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
                {
                    Timeout = TimeSpan.FromSeconds(30),
                };
            }
            else
            {
                nats = await ConnectAsync(s, init.CancellationToken);
                publisher = new EventPublisher(nats.CreateJetStreamContext(), EventPublisherOptions.Default with { Source = "/loadsim" });
            }
        })
        .WithClean(async _ =>
        {
            http?.Dispose();
            if (nats is not null)
            {
                await nats.DisposeAsync();
            }
        })
        .WithLoadSimulations(load)
        .WithStopWhen(plugin.KneeReached)
        .WithSettings(settings);
        return new ScenarioSetup(scenario, [plugin]);
    }

    /// <summary>Order ids are <c>lt-&lt;runid&gt;-&lt;tag&gt;&lt;n&gt;</c>: one subject token, unique per scenario and run.</summary>
    internal static string OrderId(string runId, string tag, long invocation)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"lt-{runId}-{tag}{invocation}");
        return Subjects.IsValidOrderId(id) ? id : throw new InvalidLoadSimulationException($"Run id '{runId}' does not make a valid order id ({id}): use letters, digits, '-' and '_' only, at most 40 characters.");
    }

    /// <summary>The trace id loadsim gives an order's POST: the first 16 bytes of SHA-256 of the order id.</summary>
    public static ActivityTraceId TraceIdFor(string orderId) =>
        ActivityTraceId.CreateFromBytes(SHA256.HashData(Encoding.UTF8.GetBytes(orderId)).AsSpan(0, 16));

    private static async Task<Response> PostAsync(HttpClient http, Uri ordersUri, Contracts.Orders.OrderPlaced order, ScenarioContext ctx, Action<ulong>? sample)
    {
        var body = Encoding.UTF8.GetBytes(OrderFactory.Body(order));
        using var request = new HttpRequestMessage(HttpMethod.Post, ordersUri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(RunIdHeader, ctx.RunId);
        // A sampled trace per order whose id follows from the order id, plus the run id as W3C baggage, so a run's
        // traces can be found from its order ids.
        request.Headers.Add(MessageHeaders.TraceParent, $"00-{TraceIdFor(order.OrderId).ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        request.Headers.Add(MessageHeaders.Baggage, $"{MessageHeaders.LoadRunId}={Uri.EscapeDataString(ctx.RunId)}");
        try
        {
            using var response = await http.SendAsync(request, ctx.CancellationToken);
            var payload = await response.Content.ReadAsByteArrayAsync(ctx.CancellationToken);
            var code = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            var bytes = body.Length + payload.Length;
            if (response.StatusCode != HttpStatusCode.Created)
            {
                return Response.Fail(code, response.ReasonPhrase, bytes);
            }

            if (sample is not null)
            {
                using var json = JsonDocument.Parse(payload);
                sample(json.RootElement.GetProperty("sequence").GetUInt64());
            }

            return Response.Ok(code, bytes);
        }
        catch (HttpRequestException ex)
        {
            return Response.Fail("connection_error", ex.Message);
        }
    }

    private static IEvent Click(ScenarioContext ctx)
    {
        var r = ctx.Random;
        var session = string.Create(CultureInfo.InvariantCulture, $"lt-{ctx.RunId}-{ctx.InvocationNumber % 1000}");
        var now = ctx.Time.GetUtcNow();
        return r.Next(4) switch
        {
            0 => new PageViewed(session, null, "/p/" + r.Next(100).ToString(CultureInfo.InvariantCulture), now),
            1 => new ProductViewed(session, null, "SKU-" + r.Next(100).ToString(CultureInfo.InvariantCulture), now),
            2 => new AddedToCart(session, null, "SKU-" + r.Next(100).ToString(CultureInfo.InvariantCulture), 1 + r.Next(3), now),
            _ => new Searched(session, null, "query " + r.Next(100).ToString(CultureInfo.InvariantCulture), r.Next(50), now),
        };
    }

    /// <summary>Connects and makes sure the streams exist (a fresh broker without processors still takes the load).</summary>
    private static async Task<NatsClient> ConnectAsync(PipelineSettings s, CancellationToken cancellationToken)
    {
        var nats = new NatsClient(LoadSimNats.Options(s.NatsUrl, "loadsim"));
        await nats.ConnectAsync();
        var js = nats.CreateJetStreamContext();
        if (!await JetStreamTopology.IsPresentAsync(js, cancellationToken))
        {
            await JetStreamTopology.EnsureAsync(js, TopologyOptions.Default, cancellationToken);
        }

        return nats;
    }
}
