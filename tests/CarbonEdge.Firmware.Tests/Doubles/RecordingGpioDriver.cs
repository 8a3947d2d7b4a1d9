using System.Device.Gpio;

namespace CarbonEdge.Firmware.Tests.Doubles;

/// <summary>A GPIO driver with no hardware: it records every pin operation in order and lets the test fire edges.</summary>
internal sealed class RecordingGpioDriver : GpioDriver
{
    private readonly Dictionary<int, PinMode> _modes = [];
    private readonly Dictionary<int, PinValue> _values = [];
    private readonly Dictionary<int, (PinEventTypes Types, PinChangeEventHandler Handler)> _callbacks = [];

    public List<string> Log { get; } = [];

    protected override int PinCount => 64;

    protected override void OpenPin(int pinNumber) => Log.Add($"open {pinNumber}");

    protected override void ClosePin(int pinNumber) => Log.Add($"close {pinNumber}");

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        _modes[pinNumber] = mode;
        Log.Add($"mode {pinNumber} {mode}");
    }

    protected override PinMode GetPinMode(int pinNumber) => _modes.GetValueOrDefault(pinNumber, PinMode.Input);

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber) => _values.GetValueOrDefault(pinNumber, PinValue.High);

    protected override void Write(int pinNumber, PinValue value)
    {
        _values[pinNumber] = value;
        Log.Add($"write {pinNumber} {(value == PinValue.High ? "high" : "low")}");
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        new() { TimedOut = true };

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        _callbacks[pinNumber] = (eventTypes, callback);
        Log.Add($"callback {pinNumber} {eventTypes}");
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) => _callbacks.Remove(pinNumber);

    /// <summary>Fires an edge on <paramref name="pin"/> as the hardware would, if a callback listens for it.</summary>
    public void Edge(int pin, PinEventTypes type)
    {
        if (_callbacks.TryGetValue(pin, out var c) && (c.Types & type) != 0)
            c.Handler(this, new PinValueChangedEventArgs(type, pin));
    }
}
