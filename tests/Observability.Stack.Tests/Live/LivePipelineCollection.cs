namespace Observability.Stack.Tests.Live;

/// <summary>One <see cref="LivePipeline"/> for every live test class: starting the kit twice would double the run time.</summary>
[CollectionDefinition(Name)]
public sealed class LivePipelineCollection : ICollectionFixture<LivePipeline>
{
    public const string Name = "live pipeline";
}
