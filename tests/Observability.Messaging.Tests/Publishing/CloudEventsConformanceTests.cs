using CloudNative.CloudEvents;
using NATS.Client.JetStream.Models;
using Observability.Contracts.Clickstream;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Messaging.Publishing;
using Observability.Testing;

namespace Observability.Messaging.Tests.Publishing;

/// <summary>
/// Every event type the kit publishes, read back from its stream, is a valid CloudEvent for the official .NET SDK:
/// each <c>ce-*</c> header goes through the SDK's attribute parsing (which refuses, for example, a relative
/// <c>dataschema</c>), and the result must pass the SDK's validation of the required attributes.
/// </summary>
[Collection(NatsCollection.Name)]
public sealed class CloudEventsConformanceTests(NatsServerFixture nats) : JetStreamTest(nats)
{
    private const string CePrefix = "ce-";

    [Fact]
    public async Task Every_event_type_read_back_from_the_stream_is_accepted_by_the_CloudEvents_SDK()
    {
        var publisher = new EventPublisher(Js, new EventPublisherOptions { Source = "/kit/tests", SchemaBaseUri = new Uri("http://api.example:8080/") });
        var samples = Samples(Guid.NewGuid().ToString("N")[..12]).ToList();
        Assert.Equal(EventCatalog.All.Select(t => t.Name).Order(), samples.Select(s => EventCatalog.Of(s).Name).Order());

        foreach (var sample in samples)
        {
            var stored = await publisher.PublishAsync(sample, new PublishOptions { CausationId = "cause-1" }, Token);
            var stream = await Js.GetStreamAsync(stored.Stream, cancellationToken: Token);
            var msg = await stream.GetDirectAsync<byte[]>(new StreamMsgGetRequest { Seq = stored.Sequence }, cancellationToken: Token);

            var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0);
            foreach (var (name, value) in msg.Headers!)
            {
                if (name.StartsWith(CePrefix, StringComparison.Ordinal) && name != MessageHeaders.SpecVersion)
                {
                    // Throws when a value does not fit the attribute's type (a relative URI for dataschema, a bad time).
                    cloudEvent.SetAttributeFromString(name[CePrefix.Length..], value.ToString());
                }
            }

            cloudEvent.DataContentType = msg.Headers[MessageHeaders.ContentType].ToString();
            cloudEvent.Data = msg.Data;
            var type = EventCatalog.Of(sample);
            Assert.True(cloudEvent.IsValid, $"{type.Name} is not a complete CloudEvent");
            Assert.Equal(type.Name, cloudEvent.Type);
            Assert.Equal(new Uri("http://api.example:8080" + type.DataSchema), cloudEvent.DataSchema);
            Assert.True(cloudEvent.DataSchema!.IsAbsoluteUri);
            Assert.Equal(stored.EventId, cloudEvent.Id);
            Assert.Equal("cause-1", cloudEvent["causationid"]);
            Assert.Equal(sample.Route.Key ?? stored.EventId, cloudEvent["correlationid"]);
            Assert.Null(EventCatalog.Validate(type, msg.Data));
        }
    }

    private static IEnumerable<IEvent> Samples(string id)
    {
        var at = DateTimeOffset.UtcNow;
        yield return new OrderPlaced(id, "c-1", [new OrderLine("SKU-1", 2, 10m)], 20m, "EUR", at);
        yield return new PaymentAuthorized(id, 20m, "EUR", at);
        yield return new PaymentDeclined(id, "card expired", at);
        yield return new OrderShipped(id, "DHL", "TRK-1", at);
        yield return new OrderCancelled(id, "changed mind", at);
        yield return new PageViewed("s-" + id, null, "/", at);
        yield return new ProductViewed("s-" + id, "c-1", "SKU-1", at);
        yield return new AddedToCart("s-" + id, "c-1", "SKU-1", 1, at);
        yield return new Searched("s-" + id, null, "shoes", 3, at);
    }
}
