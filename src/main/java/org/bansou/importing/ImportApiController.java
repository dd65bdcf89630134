package org.bansou.importing;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Import and export for scripts: {@code POST /api/v1/imports/{kind}} with the file as multipart field
 * {@code file} or as the raw body; {@code GET /api/v1/exports/{kind}.csv} and {@code .xlsx}. Problems are
 * worded in English so scripts can match them.
 */
@RestController
@RequestMapping("/api/v1")
class ImportApiController {

    record Imported(String kind, int inserted, int updated, int unchanged) {
    }

    record Rejected(String message, List<ImportError> errors) {
    }

    record UnknownKind(String message, List<String> kinds) {
    }

    private final FileImport imports;
    private final FileExport exports;
    private final Kinds kinds;

    ImportApiController(FileImport imports, FileExport exports, Kinds kinds) {
        this.imports = imports;
        this.exports = exports;
        this.kinds = kinds;
    }

    @PostMapping(path = "/imports/{kind}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Object> importUpload(@PathVariable String kind,
                                        @RequestParam(name = "file", required = false) MultipartFile file) {
        if (file == null) {
            kinds.named(kind);
            return ResponseEntity.badRequest().body(new Rejected(
                    "send the file in the multipart field \"file\"", List.of()));
        }
        return answer(imports.importFile(kind, ImportFile.of(file.getOriginalFilename(), file::getInputStream),
                Locale.ENGLISH));
    }

    @PostMapping(path = "/imports/{kind}",
            consumes = {"text/csv", ImportController.XLSX, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ResponseEntity<Object> importBody(@PathVariable String kind, @RequestBody(required = false) byte[] body) {
        return answer(imports.importFile(kind, ImportFile.of(kind, body == null ? new byte[0] : body),
                Locale.ENGLISH));
    }

    @GetMapping("/exports/{kind}.csv")
    void exportCsv(@PathVariable String kind, HttpServletResponse response) throws IOException {
        kinds.named(kind);
        ImportController.download(response, "text/csv;charset=UTF-8", kind + ".csv");
        exports.writeCsv(kind, response.getOutputStream());
    }

    @GetMapping("/exports/{kind}.xlsx")
    void exportXlsx(@PathVariable String kind, HttpServletResponse response) throws IOException {
        kinds.named(kind);
        ImportController.download(response, ImportController.XLSX, kind + ".xlsx");
        exports.writeXlsx(kind, response.getOutputStream());
    }

    @ExceptionHandler(UnknownKindException.class)
    ResponseEntity<UnknownKind> unknownKind(UnknownKindException unknown) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new UnknownKind(unknown.getMessage(), unknown.kinds()));
    }

    private static ResponseEntity<Object> answer(ImportOutcome outcome) {
        if (outcome.imported()) {
            return ResponseEntity.ok(new Imported(outcome.kind(), outcome.inserted(), outcome.updated(),
                    outcome.unchanged()));
        }
        return ResponseEntity.badRequest().body(new Rejected("nothing was imported: " + outcome.errors().size()
                + " problem(s) in the file; fix them all and send it again", outcome.errors()));
    }
}
