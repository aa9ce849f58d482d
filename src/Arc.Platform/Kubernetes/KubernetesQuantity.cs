using System.Globalization;

namespace Arc.Platform.Kubernetes;

/// <summary>Byte counts as Kubernetes resource quantities (1073741824 → 1Gi), exact: never rounded.</summary>
public static class KubernetesQuantity
{
    public static string Bytes(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        foreach (var (shift, suffix) in new[] { (40, "Ti"), (30, "Gi"), (20, "Mi"), (10, "Ki") })
            if (bytes != 0 && bytes % (1L << shift) == 0)
                return (bytes >> shift).ToString(CultureInfo.InvariantCulture) + suffix;
        return bytes.ToString(CultureInfo.InvariantCulture);
    }
}
