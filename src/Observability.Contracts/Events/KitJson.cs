using System.Text.Json.Serialization;
using Observability.Contracts.Clickstream;
using Observability.Contracts.Faults;
using Observability.Contracts.Orders;
using Observability.Contracts.Replay;

namespace Observability.Contracts.Events;

/// <summary>The one JSON shape of every payload: camelCase, ISO-8601 times, nulls written explicitly (optional fields are nullable, never absent). Source-generated for the hot path.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(OrderSummary))]
[JsonSerializable(typeof(FaultSwitch))]
[JsonSerializable(typeof(ReplayRequest))]
[JsonSerializable(typeof(ReplayResponse))]
[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(PaymentAuthorized))]
[JsonSerializable(typeof(PaymentDeclined))]
[JsonSerializable(typeof(OrderShipped))]
[JsonSerializable(typeof(OrderCancelled))]
[JsonSerializable(typeof(PageViewed))]
[JsonSerializable(typeof(ProductViewed))]
[JsonSerializable(typeof(AddedToCart))]
[JsonSerializable(typeof(Searched))]
public sealed partial class KitJson : JsonSerializerContext;
