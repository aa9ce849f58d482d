using System.Security.Cryptography;

namespace Arc.Platform.Secrets;

/// <summary>Generated passwords: 32 characters from a CSPRNG, letters and digits only (about 190 bits).</summary>
public static class Passwords
{
    // Letters and digits need no quoting in a NATS config, a Redis ACL file or a shell, and no
    // percent-encoding in a URL; the value printed is still encoded and quoted, as any value would be.
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    public const int Length = 32;

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);
}
