import Foundation
import YOLOCLI

exit(YOLOCommand.main(Array(CommandLine.arguments.dropFirst())))
