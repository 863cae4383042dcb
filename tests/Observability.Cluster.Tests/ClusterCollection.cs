namespace Observability.Cluster.Tests;

/// <summary>The cluster tests share one reference run and never run in parallel: each starts three nodes and four services.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ReferenceRun>
{
    public const string Name = "cluster";
}
