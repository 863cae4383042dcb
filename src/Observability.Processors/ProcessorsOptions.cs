namespace Observability.Processors;

/// <summary>Processors settings, bound from the <c>Processors</c> configuration section (env: <c>Processors__Concurrency</c>).</summary>
public sealed record ProcessorsOptions
{
    public const string Section = "Processors";

    /// <summary>Roles to run (see <see cref="ProcessorRoles"/>); empty means all. Env: <c>Processors__Roles__0=order-summary</c>.</summary>
    public string[] Roles { get; init; } = [];

    /// <summary>Worker partitions of the order-summary projection (per-order ordering, cross-order concurrency). Default 32.</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>Messages requested per pull. Default 1000.</summary>
    public int PullBatchSize { get; init; } = 1000;

    /// <summary>Most events one partition hands to a projection at once. Default 100.</summary>
    public int MaxHandlerBatch { get; init; } = 100;

    /// <summary>Validate payloads against their JSON Schema before processing (invalid ones are dead-lettered). Default on.</summary>
    public bool ValidateSchemas { get; init; } = true;

    /// <summary>Lag monitor poll interval. Default 2 s.</summary>
    public TimeSpan LagInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Most events the engagement projection folds into one write. Default 1000.</summary>
    public int EngagementBatch { get; init; } = 1000;

    /// <summary>
    /// Obey the fault switchboard (bucket <c>kit-faults</c>, set with <c>kit faults set</c>). Default on: with no
    /// switch set it costs one check per message. Env: <c>Processors__FaultSwitches=false</c>.
    /// </summary>
    public bool FaultSwitches { get; init; } = true;

    public bool Runs(string role) => Roles.Length == 0 || Roles.Contains(role, StringComparer.OrdinalIgnoreCase);
}
