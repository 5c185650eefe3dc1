import { pageSizeOf, type ColorMode, type ScanOptions, type ScanSource } from '../scan-driver';

/**
 * PowerShell scripts that drive WIA through its automation COM objects
 * (`WIA.DeviceManager`). They report to the driver on stdout, one event a line:
 * `SOHOA:` followed by compact JSON (see wia-output.ts).
 */

export const WIA_FORMAT = {
  png: '{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}',
  jpeg: '{B96B3CAE-0728-11D3-9D7B-0000F81EF32E}',
  bmp: '{B96B3CAB-0728-11D3-9D7B-0000F81EF32E}',
} as const;

/** WIA property ids (wiadef.h). */
export const WIA_PROPERTY = {
  horizontalBedSize: 3074,
  verticalBedSize: 3075,
  horizontalSheetFeedSize: 3076,
  verticalSheetFeedSize: 3077,
  documentHandlingCapabilities: 3086,
  documentHandlingStatus: 3087,
  documentHandlingSelect: 3088,
  pages: 3096,
  currentIntent: 6146,
  horizontalResolution: 6147,
  verticalResolution: 6148,
  horizontalStart: 6149,
  verticalStart: 6150,
  horizontalExtent: 6151,
  verticalExtent: 6152,
} as const;

/** WIA_DPS_DOCUMENT_HANDLING_SELECT values. */
export const WIA_HANDLING = { feeder: 1, flatbed: 2, duplex: 4 } as const;

/** WIA_IPS_CUR_INTENT values. */
export const WIA_INTENT: Record<ColorMode, number> = { color: 1, gray: 2, bw: 4 };

export const WIA_DEVICE_TYPE_SCANNER = 1;

export function handlingFor(source: ScanSource): number {
  if (source === 'flatbed') return WIA_HANDLING.flatbed;
  return source === 'duplex' ? WIA_HANDLING.feeder | WIA_HANDLING.duplex : WIA_HANDLING.feeder;
}

/** A PowerShell single-quoted string literal. */
export function psString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const PRELUDE = String.raw`$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
function Emit($o) { [Console]::Out.WriteLine('SOHOA:' + ($o | ConvertTo-Json -Compress -Depth 5)); [Console]::Out.Flush() }
function HResultOf($err) {
  $x = $err.Exception
  $h = $x.HResult
  while ($x -ne $null) {
    if (($x.HResult -band 0xFFFF0000) -eq 0x80210000) { $h = $x.HResult }
    $x = $x.InnerException
  }
  return ('0x{0:X8}' -f $h)
}
function Fail($err) { Emit @{ event = 'error'; hresult = (HResultOf $err); message = $err.Exception.ToString() }; exit 2 }
function SetProp($props, $id, $value) {
  foreach ($p in $props) {
    if ($p.PropertyID -eq $id) {
      try { $p.Value = $value; return $true } catch { Emit @{ event = 'warning'; property = $id; hresult = (HResultOf $_) }; return $false }
    }
  }
  return $false
}
function GetProp($props, $id) { foreach ($p in $props) { if ($p.PropertyID -eq $id) { return $p } }; return $null }
function FindDevice($manager, $id) {
  foreach ($info in $manager.DeviceInfos) { if ($info.DeviceID -eq $id) { return $info } }
  Emit @{ event = 'error'; hresult = '0x80210015'; message = 'No WIA device with this id' }
  exit 3
}
`;

export function listDevicesScript(): string {
  return `${PRELUDE}try {
  $manager = New-Object -ComObject WIA.DeviceManager
  foreach ($info in $manager.DeviceInfos) {
    if ($info.Type -ne ${WIA_DEVICE_TYPE_SCANNER}) { continue }
    $p = $info.Properties
    Emit @{ event = 'device'; id = $info.DeviceID; name = $p.Item('Name').Value; vendor = $p.Item('Manufacturer').Value }
  }
  Emit @{ event = 'done' }
} catch { Fail $_ }
`;
}

export function capabilitiesScript(deviceId: string): string {
  return `${PRELUDE}try {
  $manager = New-Object -ComObject WIA.DeviceManager
  $device = (FindDevice $manager ${psString(deviceId)}).Connect()
  $handling = GetProp $device.Properties ${WIA_PROPERTY.documentHandlingCapabilities}
  $item = $device.Items.Item(1)
  $res = GetProp $item.Properties ${WIA_PROPERTY.horizontalResolution}
  $values = @()
  if ($res.SubType -eq 2) { foreach ($v in $res.SubTypeValues) { $values += [int]$v } }
  $bedWidth = GetProp $device.Properties ${WIA_PROPERTY.horizontalBedSize}
  $bedHeight = GetProp $device.Properties ${WIA_PROPERTY.verticalBedSize}
  $feedWidth = GetProp $device.Properties ${WIA_PROPERTY.horizontalSheetFeedSize}
  $feedHeight = GetProp $device.Properties ${WIA_PROPERTY.verticalSheetFeedSize}
  Emit @{
    event = 'capabilities'
    handling = $(if ($handling -ne $null) { [int]$handling.Value } else { ${WIA_HANDLING.flatbed} })
    resolution = @{ subType = [int]$res.SubType; min = [int]$res.SubTypeMin; max = [int]$res.SubTypeMax; step = [int]$res.SubTypeStep; values = $values; current = [int]$res.Value }
    bedMils = @($(if ($bedWidth -ne $null) { [int]$bedWidth.Value } else { 0 }), $(if ($bedHeight -ne $null) { [int]$bedHeight.Value } else { 0 }))
    feederMils = @($(if ($feedWidth -ne $null) { [int]$feedWidth.Value } else { 0 }), $(if ($feedHeight -ne $null) { [int]$feedHeight.Value } else { 0 }))
  }
} catch { Fail $_ }
`;
}

/** Sizes in pixels at the scan resolution, as WIA's extent properties want them. */
export function extentsPx(options: ScanOptions, dpi: number): { width: number; height: number } {
  const size = pageSizeOf(options);
  return { width: Math.round((size.widthMm / 25.4) * dpi), height: Math.round((size.heightMm / 25.4) * dpi) };
}

/**
 * Scans into `outDir`, one PNG per page (p0000.png, …), announcing each as it is saved.
 * A feeder is read until WIA says it is empty (0x80210003); that is the normal end once
 * a page has come through.
 */
export function scanScript(deviceId: string, options: ScanOptions, dpi: number, outDir: string): string {
  const feeder = options.source !== 'flatbed';
  const { width, height } = extentsPx(options, dpi);
  return `${PRELUDE}$png = '${WIA_FORMAT.png}'
try {
  $manager = New-Object -ComObject WIA.DeviceManager
  $device = (FindDevice $manager ${psString(deviceId)}).Connect()
  [void](SetProp $device.Properties ${WIA_PROPERTY.documentHandlingSelect} ${handlingFor(options.source)})
${feeder ? `  [void](SetProp $device.Properties ${WIA_PROPERTY.pages} 1)\n` : ''}  $item = $device.Items.Item(1)
  [void](SetProp $item.Properties ${WIA_PROPERTY.currentIntent} ${WIA_INTENT[options.colorMode]})
  [void](SetProp $item.Properties ${WIA_PROPERTY.horizontalResolution} ${dpi})
  [void](SetProp $item.Properties ${WIA_PROPERTY.verticalResolution} ${dpi})
  [void](SetProp $item.Properties ${WIA_PROPERTY.horizontalStart} 0)
  [void](SetProp $item.Properties ${WIA_PROPERTY.verticalStart} 0)
  [void](SetProp $item.Properties ${WIA_PROPERTY.horizontalExtent} ${width})
  [void](SetProp $item.Properties ${WIA_PROPERTY.verticalExtent} ${height})
  $index = 0
  while ($true) {
    Emit @{ event = 'page-start'; index = $index }
    try {
      try { $image = $item.Transfer($png) }
      catch {
        if (((HResultOf $_) -like '0x8021*')) { throw }
        $image = $item.Transfer()
      }
    } catch {
      $h = HResultOf $_
      if ($h -eq '0x80210003' -and $index -gt 0) { break }
      Emit @{ event = 'error'; hresult = $h; message = $_.Exception.ToString(); index = $index }
      exit 2
    }
    if ($image.FormatID -ne $png) {
      $process = New-Object -ComObject WIA.ImageProcess
      $process.Filters.Add($process.FilterInfos.Item('Convert').FilterID)
      $process.Filters.Item(1).Properties.Item('FormatID').Value = $png
      $image = $process.Apply($image)
    }
    $path = Join-Path ${psString(outDir)} ('p{0:D4}.png' -f $index)
    $image.SaveFile($path)
    Emit @{ event = 'page'; index = $index; path = $path; width = [int]$image.Width; height = [int]$image.Height }
    $index++
${feeder ? '' : '    break\n'}  }
  Emit @{ event = 'done'; pages = $index }
} catch { Fail $_ }
`;
}

/** Arguments for powershell.exe running a script without a file and without profiles. */
export function powershellArgs(script: string): string[] {
  return [
    '-NoProfile',
    '-NonInteractive',
    '-ExecutionPolicy',
    'Bypass',
    '-EncodedCommand',
    Buffer.from(script, 'utf16le').toString('base64'),
  ];
}
