using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NATS.Client.Core;

namespace Observability.Messaging.Projections;

/// <summary>(De)serializes read models with source-generated JSON metadata: no reflection, no per-call type lookup.</summary>
public sealed class JsonTypeInfoSerializer<T>(JsonTypeInfo<T> typeInfo) : INatsSerialize<T>, INatsDeserialize<T>
{
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public void Serialize(IBufferWriter<byte> bufferWriter, T value)
    {
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(bufferWriter);
        }
        else
        {
            writer.Reset(bufferWriter);
        }

        JsonSerializer.Serialize(writer, value, typeInfo);
        writer.Flush();
        writer.Reset();
    }

    public T? Deserialize(in ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return default;
        }

        var reader = new Utf8JsonReader(buffer);
        return JsonSerializer.Deserialize(ref reader, typeInfo);
    }
}
