using Observability.Testing;

namespace Observability.Producer.Tests;

[CollectionDefinition(Name)]
public sealed class NatsCollection : ICollectionFixture<NatsServerFixture>
{
    public const string Name = "nats";
}
