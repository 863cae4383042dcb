using System.Net;
using System.Text.Json;

namespace Observability.Api.Tests;

/// <summary>Asserts an RFC 9457 problem response: status, media type and problem type; returns the body.</summary>
public static class ProblemAssert
{
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(type, problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>The per-field errors of a validation problem.</summary>
    public static async Task<IReadOnlyDictionary<string, string[]>> IsValidationProblemAsync(HttpResponseMessage response)
    {
        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest, Api.Problems.ProblemTypes.Validation);
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }
}
