using Arc.Platform.Verify;

namespace Arc.Platform.Tests.TestKit;

/// <summary>A disposable copy of the real services/, Makefile and .github/ that a test breaks, then verifies.</summary>
public sealed class RepoCopy : IDisposable
{
    private readonly TempRepo _repo = TempRepo.CopyOfRealRepo();

    public string Root => _repo.Root;

    /// <summary>Replaces exactly one occurrence of <paramref name="oldText"/>; throws when the real file no longer has it.</summary>
    public RepoCopy Edit(string file, string oldText, string newText)
    {
        _repo.Replace(file, oldText, newText);
        return this;
    }

    public RepoCopy Write(string file, string text)
    {
        _repo.Write(file, text);
        return this;
    }

    public RepoCopy Delete(string file)
    {
        _repo.Delete(file);
        return this;
    }

    public string Read(string file) => _repo.Read(file);

    /// <summary>The 1-based line of the first line containing <paramref name="text"/>.</summary>
    public int LineOf(string file, string text)
    {
        var lines = File.ReadAllLines(_repo.PathOf(file));
        var index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        if (index < 0)
            throw new InvalidOperationException($"'{text}' not found in {file}");
        return index + 1;
    }

    public VerifyResult Verify() => Verifier.Run(Root, TechnologyFacts.Catalog);

    public void Dispose() => _repo.Dispose();
}
