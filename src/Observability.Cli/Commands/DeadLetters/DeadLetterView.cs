using System.Text;
using Observability.Messaging.DeadLetters;

namespace Observability.Cli.Commands.DeadLetters;

/// <summary>A dead letter as the CLI shows it: headers as text, the payload as UTF-8 text when it is, else base64.</summary>
public sealed record DeadLetterView(
    ulong Sequence,
    DateTimeOffset StoredAt,
    string Reason,
    string? Detail,
    string Stream,
    string Consumer,
    ulong SourceSequence,
    ulong Deliveries,
    string Subject,
    string? EventId,
    string? EventType,
    IReadOnlyDictionary<string, string> Headers,
    string? Payload,
    string? PayloadBase64)
{
    public static DeadLetterView Of(DeadLetter letter, bool withPayload)
    {
        string? text = null;
        string? base64 = null;
        if (withPayload)
        {
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(letter.Data.Span);
                if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
                {
                    (text, base64) = (null, Convert.ToBase64String(letter.Data.Span));
                }
            }
            catch (DecoderFallbackException)
            {
                base64 = Convert.ToBase64String(letter.Data.Span);
            }
        }

        return new DeadLetterView(
            letter.Sequence, letter.StoredAt, letter.Reason, letter.Detail, letter.Source.Stream, letter.Source.Consumer, letter.Source.Sequence,
            letter.Source.Deliveries, letter.Source.Subject, letter.EventId, letter.EventType,
            withPayload ? letter.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.Ordinal) : new Dictionary<string, string>(),
            text, base64);
    }
}
