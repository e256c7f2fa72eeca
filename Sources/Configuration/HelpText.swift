/// Help texts generated from the key table: `yolo help`, `yolo MODE help`, `yolo data help`, `yolo cfg`.
public enum HelpText {
    /// The text for a help topic.
    public static func text(for topic: HelpTopic) -> String {
        switch topic {
        case .general: return general
        case .data: return data
        case .routine(let routine): return text(for: routine)
        }
    }

    /// `yolo help`: syntax, modes, other commands and the tutorial's examples.
    public static var general: String {
        var lines = [
            "Usage: yolo [TASK] MODE [key=value ...]", "",
            "TASK (optional; inferred from the model when left out): "
                + YOLOTask.allCases.map(\.rawValue).joined(separator: ", "),
            "", "MODE:",
        ]
        for mode in Mode.allCases where mode.isImplemented {
            lines.append("  " + pad(mode.rawValue, 10) + mode.summary)
        }
        lines += [
            "", "Other commands:",
            "  yolo help                     this text",
            "  yolo MODE help                the keys of a mode, their defaults and what they do",
            "  yolo version                  the version",
            "  yolo checks                   the machine, its CPU features and the libraries in use",
            "  yolo settings                 print the persisted settings (YOLO_CONFIG_DIR moves them)",
            "  yolo settings key=value       change a setting, e.g. yolo settings tensorboard=True",
            "  yolo settings reset           restore the default settings",
            "  yolo cfg                      print the default configuration (every key)",
            "  yolo copy-cfg                 copy it to default_copy.yaml to start an experiment file",
            "", "Examples:",
        ]
        lines += examples.map { "  " + $0 }
        lines += [
            "",
            "Values: numbers, True/False and None in any case, text (text keys keep what you typed: name=001),",
            "lists as 0,1 or [640,480]; 'key = value' with spaces works too. A bare switch (resume) means True.",
            "Precedence: defaults < cfg=file.yaml < command line. Unknown keys and bad values are errors;",
            "a key the mode does not use is a warning.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The tutorial's commands and one per project mode.
    static let examples = [
        "yolo train model=weights/yolo26n.pt data=data.yaml epochs=100 imgsz=640 batch=-1",
        "yolo train resume model=path/to/runs/train/exp/weights/last.pt",
        "yolo cfg=experiment.yaml",
        "yolo val model=runs/detect/train/weights/best.pt data=data.yaml",
        "yolo predict model=runs/detect/train/weights/best.pt source=images/ conf=0.25",
        "yolo info model=yolo26n.yaml",
        "yolo learn loss=bce",
        "yolo data split path=datasets/my_dataset/images weights=0.8,0.2,0.0",
        "yolo data check data=data.yaml",
        "yolo diagnose run=runs/detect/train",
        "yolo settings tensorboard=True",
    ]

    /// `yolo data help`: the sub-commands.
    public static var data: String {
        var lines = ["Usage: yolo data COMMAND [key=value ...]", "", Mode.data.summary, "", "COMMAND:"]
        for command in DataCommand.allCases { lines.append("  " + pad(command.rawValue, 10) + command.summary) }
        lines += ["", "Run 'yolo data COMMAND help' for the keys of a command."]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `yolo MODE help`: usage, what it does, and its keys by section (`key=default  type  help`).
    public static func text(for routine: Routine) -> String {
        let summary = routine.dataCommand?.summary ?? routine.mode.summary
        let task = routine.mode == .learn || routine.mode == .data || routine.mode == .diagnose ? "" : "[TASK] "
        var lines = [
            "Usage: yolo \(task)\(routine.commandName) [key=value ...]", "",
            summary.prefix(1).uppercased() + summary.dropFirst() + ".",
        ]
        let keys = KeyTable.keys(for: routine).filter { $0.name != "mode" && $0.name != "cfg" }
        let width =
            min(30, keys.map { "\($0.name)=\($0.defaultValue(for: routine).commandLineText)".count }.max() ?? 0) + 2
        let typeWidth = (keys.map { $0.type.shortName.count }.max() ?? 0) + 2
        for section in KeySection.allCases {
            let inSection = keys.filter { $0.section == section }
            guard !inSection.isEmpty else { continue }
            lines += ["", section.rawValue + ":"]
            for spec in inSection {
                let setting = "\(spec.name)=\(spec.defaultValue(for: routine).commandLineText)"
                lines.append("  " + pad(setting, width) + pad(spec.type(for: routine).shortName, typeWidth) + spec.help)
            }
        }
        lines += [
            "", "Also: cfg=file.yaml (keys from a file; the command line wins), verbose=True.",
            "Example: " + example(for: routine),
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `yolo cfg`: the default configuration as YAML, every key.
    public static var defaults: String { Configuration.defaults.argsYAML() }

    /// An example command line for a routine.
    static func example(for routine: Routine) -> String {
        switch routine {
        case .train: return examples[0]
        case .val: return examples[3]
        case .predict: return examples[4]
        case .info: return examples[5]
        case .learn: return "yolo learn epochs=50 lr0=0.002 loss=bce"
        case .dataSplit: return examples[7]
        case .dataCheck: return examples[8]
        case .dataStats: return "yolo data stats data=data.yaml"
        case .dataPreview: return "yolo data preview data=data.yaml n=16"
        case .diagnose: return examples[9]
        case .export, .track, .benchmark: return "(not available yet)"
        }
    }

    /// Text padded with spaces to `width` (at least one space after it).
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
