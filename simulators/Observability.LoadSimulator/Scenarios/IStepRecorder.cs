namespace Observability.LoadSimulator.Scenarios;

/// <summary>Where <see cref="Step.Run"/> sends its measurements.</summary>
internal interface IStepRecorder
{
    void RecordStep(string name, Response response, TimeSpan serviceTime, TimeSpan startDelay, bool isWarmUp);
}
