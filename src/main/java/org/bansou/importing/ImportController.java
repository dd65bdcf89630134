package org.bansou.importing;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.bansou.security.AccessRules;
import org.bansou.security.Role;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** The import / export page: upload a file of one kind, see the counts or every problem; download exports. */
@Controller
class ImportController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** A kind as the page lists it, with the columns its file has. */
    record KindColumns(String name, List<String> columns) {
    }

    private final FileImport imports;
    private final FileExport exports;
    private final Kinds kinds;
    private final AccessRules access;

    ImportController(FileImport imports, FileExport exports, Kinds kinds, AccessRules access) {
        this.imports = imports;
        this.exports = exports;
        this.kinds = kinds;
        this.access = access;
    }

    @GetMapping("/imports")
    String imports(Model model) {
        return page(model, "accounts");
    }

    @PostMapping("/imports")
    String importFile(@RequestParam(defaultValue = "") String kind,
                      @RequestParam(required = false) MultipartFile file,
                      Locale locale, Model model, HttpServletResponse response) {
        ImportFile upload = file == null
                ? ImportFile.of("", new byte[0])
                : ImportFile.of(file.getOriginalFilename(), file::getInputStream);
        ImportOutcome outcome = imports.importFile(kind, upload, locale);
        if (!outcome.imported()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        model.addAttribute("outcome", outcome);
        model.addAttribute("fileName", upload.name());
        return page(model, kind);
    }

    @GetMapping("/exports/{kind}.csv")
    void exportCsv(@PathVariable String kind, HttpServletResponse response) throws IOException {
        kinds.named(kind);
        download(response, "text/csv;charset=UTF-8", kind + ".csv");
        exports.writeCsv(kind, response.getOutputStream());
    }

    @GetMapping("/exports/{kind}.xlsx")
    void exportXlsx(@PathVariable String kind, HttpServletResponse response) throws IOException {
        kinds.named(kind);
        download(response, XLSX, kind + ".xlsx");
        exports.writeXlsx(kind, response.getOutputStream());
    }

    static void download(HttpServletResponse response, String contentType, String fileName) {
        response.setContentType(contentType);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(fileName).build().toString());
    }

    private String page(Model model, String chosenKind) {
        model.addAttribute("kinds", kinds.all().stream()
                .map(kind -> new KindColumns(kind.name(), kind.columns().stream().map(Column::name).toList()))
                .toList());
        model.addAttribute("chosenKind", chosenKind);
        model.addAttribute("mayImport", access.actor().atLeast(Role.MANAGER));
        return "importing/imports";
    }
}
