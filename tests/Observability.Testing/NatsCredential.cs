namespace Observability.Testing;

/// <summary>A NATS user and its password (generated per test run, never stored).</summary>
public sealed record NatsCredential(string User, string Password)
{
    /// <summary>The password stays out of test output and assertion messages.</summary>
    public override string ToString() => User;
}
