using System.Diagnostics;

namespace Arc.Platform.Tests.TestKit;

/// <summary>chattr +i: not writable even by root, as a read-only mount would be; undone on dispose.</summary>
internal sealed class Immutable : IDisposable
{
    private readonly string _path;

    private Immutable(string path) => _path = path;

    public static Immutable Make(string path)
    {
        Chattr("+i", path);
        return new Immutable(path);
    }

    public void Dispose() => Chattr("-i", _path);

    private static void Chattr(string flag, string path)
    {
        var chattr = KitProcess.Run("chattr", flag, path);
        Assert.True(chattr.ExitCode == 0, chattr.Text);
    }
}
