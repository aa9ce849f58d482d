using System.Text;

namespace Arc.Platform.Technologies.Nats;

/// <summary>
/// Counts what a NATS server sends, fed in arbitrary chunks: PONGs, MSG frames (JetStream acks
/// on the raw anchor's inbox), and the first failure — an -ERR line, a JetStream error ack, or
/// an HMSG status such as "no responders".
/// </summary>
internal sealed class NatsFrameCounter
{
    private readonly List<byte> _line = new(256);
    private int _payloadLeft;
    private int _payloadSeen;

    public long Messages { get; private set; }
    public long Pongs { get; private set; }
    public string? Failure { get; private set; }

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            if (_payloadLeft > 0)
            {
                var take = Math.Min(_payloadLeft, bytes.Length - i);
                InspectPayload(bytes.Slice(i, take));
                _payloadLeft -= take;
                i += take;
                continue;
            }
            var end = bytes[i..].IndexOf((byte)'\n');
            if (end < 0)
            {
                _line.AddRange(bytes[i..]);
                return;
            }
            _line.AddRange(bytes.Slice(i, end));
            i += end + 1;
            OnLine(Encoding.ASCII.GetString([.. _line]).TrimEnd('\r'));
            _line.Clear();
        }
    }

    private void OnLine(string line)
    {
        if (line == "PONG")
            Pongs++;
        else if (line.StartsWith("-ERR", StringComparison.Ordinal))
            Failure ??= line;
        else if (line.StartsWith("MSG ", StringComparison.Ordinal) || line.StartsWith("HMSG ", StringComparison.Ordinal))
        {
            if (line[0] == 'H')
                Failure ??= $"a status message instead of an ack ({line})";
            Messages++;
            _payloadLeft = int.Parse(line.AsSpan(line.LastIndexOf(' ') + 1), provider: System.Globalization.CultureInfo.InvariantCulture) + 2;
            _payloadSeen = 0;
        }
    }

    /// <summary>A JetStream ack is {"stream":...}; an error is {"error":...}: the third byte tells them apart.</summary>
    private void InspectPayload(ReadOnlySpan<byte> chunk)
    {
        if (_payloadSeen <= 2 && _payloadSeen + chunk.Length > 2 && chunk[2 - _payloadSeen] == (byte)'e')
            Failure ??= "a JetStream error ack";
        _payloadSeen += chunk.Length;
    }
}
