namespace Observability.LoadSimulator.Scenarios;

/// <summary>Named part of an iteration with its own statistics.</summary>
public static class Step
{
    /// <summary>
    /// Runs and measures one step. A failed step (or one that throws) marks the whole iteration failed,
    /// even if the scenario then returns Ok; the step's response is returned so the scenario can stop early.
    /// </summary>
    public static async Task<Response> Run(string name, ScenarioContext context, Func<Task<Response>> run)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var started = context.Time.GetTimestamp();
        Response response;
        try
        {
            response = await run().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            response = Response.Fail("canceled", "the run was cancelled");
        }
        catch (Exception ex)
        {
            response = Response.Fail("exception", ex.GetType().Name + ": " + ex.Message);
        }

        var serviceTime = response.Latency ?? context.Time.GetElapsedTime(started);
        context.Steps.RecordStep(name, response, serviceTime, context.StartDelay, context.IsWarmUp);
        if (response.IsError)
        {
            context.AnyStepFailed = true;
        }

        return response;
    }
}
