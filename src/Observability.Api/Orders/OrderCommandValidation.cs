using System.Text.RegularExpressions;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Orders.Domain;

namespace Observability.Api.Orders;

/// <summary>
/// Shape validation at the edge, aligned with the events' JSON Schemas (so an accepted command always produces a
/// schema-valid event); the lifecycle rules are the command handler's. Each method returns the command, or errors.
/// </summary>
internal static partial class OrderCommandValidation
{
    public const int MaxText = 200;
    public const int MaxLines = 100;
    public const int MaxQuantity = 10_000;

    /// <summary>Bounds the total (quantity x price x lines) well inside decimal's range.</summary>
    public const decimal MaxUnitPrice = 1_000_000_000m;

    public static bool TryPlace(PlaceOrderRequest request, Func<string> newOrderId, out PlaceOrder command, out ValidationErrors errors)
    {
        errors = new ValidationErrors();
        if (request.OrderId is not null && !Subjects.IsValidOrderId(request.OrderId))
        {
            errors.Add("orderId", "'orderId' must be 1 to 64 letters, digits, '-' or '_'.");
        }

        errors.RequireText("customerId", request.CustomerId, MaxText);
        if (request.Currency is null || !CurrencyPattern().IsMatch(request.Currency))
        {
            errors.Add("currency", "'currency' must be three upper-case letters (ISO 4217), e.g. EUR.");
        }

        var lines = new List<OrderLine>();
        if (request.Lines is null || request.Lines.Count == 0)
        {
            errors.Add("lines", "'lines' must hold at least one line.");
        }
        else if (request.Lines.Count > MaxLines)
        {
            errors.Add("lines", $"'lines' must hold at most {MaxLines} lines.");
        }
        else
        {
            for (var i = 0; i < request.Lines.Count; i++)
            {
                if (ValidateLine(request.Lines[i], $"lines[{i}]", errors) is { } line)
                {
                    lines.Add(line);
                }
            }
        }

        command = errors.IsEmpty
            ? new PlaceOrder(request.OrderId ?? newOrderId(), request.CustomerId!, lines, request.Currency!)
            : null!;
        return errors.IsEmpty;
    }

    public static bool TryAuthorize(string orderId, AuthorizePaymentRequest request, out AuthorizePayment command, out ValidationErrors errors)
    {
        errors = ForOrderId(orderId);
        if (request.Amount is < 0)
        {
            errors.Add("amount", "'amount' must be 0 or more.");
        }

        command = new AuthorizePayment(orderId, request.Amount);
        return errors.IsEmpty;
    }

    public static bool TryDecline(string orderId, DeclinePaymentRequest request, out DeclinePayment command, out ValidationErrors errors)
    {
        errors = ForOrderId(orderId);
        errors.RequireText("reason", request.Reason, MaxText);
        command = new DeclinePayment(orderId, request.Reason!);
        return errors.IsEmpty;
    }

    public static bool TryShip(string orderId, ShipOrderRequest request, out ShipOrder command, out ValidationErrors errors)
    {
        errors = ForOrderId(orderId);
        errors.RequireText("carrier", request.Carrier, MaxText);
        errors.RequireText("trackingNumber", request.TrackingNumber, MaxText);
        command = new ShipOrder(orderId, request.Carrier!, request.TrackingNumber!);
        return errors.IsEmpty;
    }

    public static bool TryCancel(string orderId, CancelOrderRequest request, out CancelOrder command, out ValidationErrors errors)
    {
        errors = ForOrderId(orderId);
        errors.RequireText("reason", request.Reason, MaxText);
        command = new CancelOrder(orderId, request.Reason!);
        return errors.IsEmpty;
    }

    /// <summary>The id in the route becomes a subject token: anything else (a '.', '*', '>') must never reach the broker.</summary>
    public static ValidationErrors ForOrderId(string orderId)
    {
        var errors = new ValidationErrors();
        if (!Subjects.IsValidOrderId(orderId))
        {
            errors.Add("id", "The order id must be 1 to 64 letters, digits, '-' or '_'.");
        }

        return errors;
    }

    private static OrderLine? ValidateLine(OrderLineRequest? line, string path, ValidationErrors errors)
    {
        if (line is null)
        {
            errors.Add(path, $"'{path}' must be an object.");
            return null;
        }

        var ok = true;
        if (string.IsNullOrWhiteSpace(line.Sku) || line.Sku.Length > MaxText)
        {
            errors.Add($"{path}.sku", $"'sku' is required, at most {MaxText} characters.");
            ok = false;
        }

        if (line.Quantity is not (>= 1 and <= MaxQuantity))
        {
            errors.Add($"{path}.quantity", $"'quantity' is required, from 1 to {MaxQuantity}.");
            ok = false;
        }

        if (line.UnitPrice is not (>= 0 and <= MaxUnitPrice))
        {
            errors.Add($"{path}.unitPrice", $"'unitPrice' is required, from 0 to {MaxUnitPrice}.");
            ok = false;
        }

        return ok ? new OrderLine(line.Sku!, line.Quantity!.Value, line.UnitPrice!.Value) : null;
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();
}
