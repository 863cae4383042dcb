using System.Text.Json.Serialization;
using Observability.Api.OpenApi;
using Observability.Api.Problems;
using Observability.Orders;

namespace Observability.Api.Orders;

/// <summary>The orders HTTP API: commands (write side) and queries (read side) of CQRS over the event store.</summary>
public static partial class OrdersApi
{
    public static IHostApplicationBuilder AddOrdersApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails();
        services.AddExceptionHandler<BrokerUnavailableExceptionHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        var readYourWrites = builder.Configuration.GetSection(ReadYourWritesOptions.Section);
        services.Configure<ReadYourWritesOptions>(readYourWrites);
        services.AddBrokerTimeout((readYourWrites.Get<ReadYourWritesOptions>() ?? new ReadYourWritesOptions()).MaxWait);
        services.AddOrderWriteSide();
        services.AddSingleton<OrderSummaryReader>();
        return builder;
    }

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var commands = app.MapGroup("/orders").WithTags("Order commands").AddEndpointFilter<BrokerAvailabilityFilter>();
        commands.WithRequestTimeout(BrokerTimeout.Policy);

        commands.MapPost("", PlaceOrder)
            .WithName(nameof(PlaceOrder))
            .WithSummary("Place an order")
            .WithDescription("Appends orders.order-placed.v1. 201 with Location on a new order; 200 with the original sequence when it "
                + "retries a placement already stored under the same client-supplied orderId with the same content; 409 when "
                + "that id holds a different order.")
            .WithJsonBody<PlaceOrderRequest>(required: true)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        MapCommand<AuthorizePaymentRequest>(commands, "/{id}/payment/authorize", AuthorizePayment, nameof(AuthorizePayment),
            "Authorize the payment", "Appends orders.payment-authorized.v1. Allowed when placed or declined. The body is optional.", bodyRequired: false);
        MapCommand<DeclinePaymentRequest>(commands, "/{id}/payment/decline", DeclinePayment, nameof(DeclinePayment),
            "Decline the payment", "Appends orders.payment-declined.v1. Allowed when placed or declined.");
        MapCommand<ShipOrderRequest>(commands, "/{id}/ship", ShipOrder, nameof(ShipOrder),
            "Ship the order", "Appends orders.order-shipped.v1. Allowed only once payment is authorized.");
        MapCommand<CancelOrderRequest>(commands, "/{id}/cancel", CancelOrder, nameof(CancelOrder),
            "Cancel the order", "Appends orders.order-cancelled.v1. Not allowed after shipment or when already cancelled.");

        var queries = app.MapGroup("/orders").WithTags("Order queries").AddEndpointFilter<BrokerAvailabilityFilter>();
        queries.WithRequestTimeout(BrokerTimeout.Policy);

        queries.MapGet("/{id}", GetOrder)
            .WithName(nameof(GetOrder))
            .WithSummary("Read the order summary (projection)")
            .WithDescription("Reads the order-summaries projection. With minSequence (query) or X-Min-Sequence (header), waits up to "
                + "'wait' ms (default 2000, capped) for the projection to apply that sequence. Responses carry X-Consistency "
                + "(fresh|stale) and X-Projection-Sequence. 200 stale with Retry-After when the projection did not catch up in "
                + "time; 202 problem (projection-pending) with Retry-After when the order is stored but not projected yet.")
            .ProducesProblem(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithResponseHeader(StatusCodes.Status200OK, ConsistencyHeaders.Consistency, "fresh: the summary reflects minSequence (or every stored event); stale: it does not.")
            .WithResponseHeader(StatusCodes.Status200OK, ConsistencyHeaders.ProjectionSequence, "Stream sequence of the newest event the projection applied to this order.")
            .WithResponseHeader(StatusCodes.Status200OK, "Retry-After", "Seconds to wait before asking again, on a stale answer.")
            .WithResponseHeader(StatusCodes.Status202Accepted, "Retry-After", "Seconds to wait before asking again.");

        queries.MapGet("/{id}/history", GetHistory)
            .WithName(nameof(GetHistory))
            .WithSummary("Read the order's audit trail (event store)")
            .WithDescription("Every event of the order from the ORDERS stream, oldest first, with its sequence, ids, times and payload.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        queries.MapGet("/{id}/state", GetState)
            .WithName(nameof(GetState))
            .WithSummary("Fold the order's state from the event store, now or as of a time")
            .WithDescription("Replays the order's events whose event time is at or before asOf (ISO-8601; URL-encode '+' as %2B) "
                + "and folds them. Without asOf: the current state. 404 when the order had no events by then.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    private static void MapCommand<TRequest>(
        RouteGroupBuilder group, string pattern, Delegate handler, string name, string summary, string description, bool bodyRequired = true) =>
        group.MapPost(pattern, handler)
            .WithName(name)
            .WithSummary(summary)
            .WithDescription(description + " 200 with Location and the appended sequence; nothing is appended for a rejected command.")
            .WithJsonBody<TRequest>(bodyRequired)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
