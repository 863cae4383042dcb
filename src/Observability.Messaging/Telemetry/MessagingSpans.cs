using System.Diagnostics;
using Observability.Contracts.Events;

namespace Observability.Messaging.Telemetry;

/// <summary>
/// The OpenTelemetry messaging attributes, set the same way on publish (Producer) and process (Consumer) spans, so a
/// trace query for a subject, stream, message id or aggregate finds both ends.
/// </summary>
public static class MessagingSpans
{
    /// <summary>Where the message goes or came from: system, operation, destination (name and template) and stream.</summary>
    public static void TagOperation(Activity activity, string operationName, string operationType, string subject, string template, string stream)
    {
        activity.SetTag(KitActivities.MessagingSystem, KitActivities.MessagingSystemNats);
        activity.SetTag(KitActivities.OperationName, operationName);
        activity.SetTag(KitActivities.OperationType, operationType);
        activity.SetTag(KitActivities.DestinationName, subject);
        activity.SetTag(KitActivities.DestinationTemplate, template);
        activity.SetTag(KitActivities.StreamName, stream);
    }

    /// <summary>Which event it is: the message id (CloudEvents id), its type and, when the family has one, its aggregate key.</summary>
    public static void TagEvent(Activity activity, string? eventId, string? eventType, IEvent? e)
    {
        if (eventId is not null)
        {
            activity.SetTag(KitActivities.MessageId, eventId);
        }

        if (eventType is not null)
        {
            activity.SetTag(KitActivities.EventType, eventType);
        }

        if (e?.Route is { Key: { } key, KeyAttribute: { } attribute })
        {
            activity.SetTag(attribute, key);
        }
    }

    /// <summary>A failed operation: <c>error.type</c> and an Error status.</summary>
    public static void TagError(Activity activity, string errorType)
    {
        activity.SetTag(KitActivities.ErrorType, errorType);
        activity.SetStatus(ActivityStatusCode.Error, errorType);
    }
}
