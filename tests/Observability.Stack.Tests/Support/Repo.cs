namespace Observability.Stack.Tests.Support;

/// <summary>Files of the repository the stack tests read.</summary>
internal static class Repo
{
    public static string Read(string repositoryRelativePath)
    {
        var path = RepositoryRoot.Combine(repositoryRelativePath);
        Assert.True(File.Exists(path), $"{repositoryRelativePath} does not exist");
        return File.ReadAllText(path);
    }

    public static bool Exists(string repositoryRelativePath) =>
        File.Exists(RepositoryRoot.Combine(repositoryRelativePath)) || Directory.Exists(RepositoryRoot.Combine(repositoryRelativePath));
}
