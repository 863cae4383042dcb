namespace Observability.LoadSimulator.Pipeline;

/// <summary>Names of the pipeline scenarios' custom settings (<c>--set key=value</c>, config <c>settings</c>).</summary>
public static class PipelineSettingKeys
{
    public const string Api = "api";
    public const string Nats = "nats";
    public const string Processors = "processors";
    public const string Replicas = "replicas";
    public const string SampleEvery = "sampleEvery";
    public const string MaxDrainSeconds = "maxDrainSeconds";
    public const string Via = "via";
    public const string KneeStart = "kneeStart";
    public const string KneeFactor = "kneeFactor";
    public const string KneeStepSeconds = "kneeStepSeconds";
    public const string KneeSteps = "kneeSteps";
    public const string KneeMaxP99Ms = "kneeMaxP99Ms";
}
