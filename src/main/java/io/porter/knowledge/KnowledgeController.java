package io.porter.knowledge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.porter.api.JsonBody;
import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.security.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/kb")
@Tag(name = "Knowledge base", description = "Categories › folders › articles, each article in one or more languages")
class KnowledgeController {

    private final Knowledge kb;

    KnowledgeController(Knowledge kb) {
        this.kb = kb;
    }

    @GetMapping("/categories")
    @Operation(summary = "List categories")
    Map<String, List<KbCategory>> categories() {
        return Map.of("data", kb.categories(CurrentWorkspace.id()));
    }

    @GetMapping("/categories/{id}")
    @Operation(summary = "Get a category")
    KbCategory category(@PathVariable long id) {
        return kb.category(CurrentWorkspace.id(), id);
    }

    @PostMapping("/categories")
    @Operation(summary = "Create a category", description = "Fields: name, description, position.")
    ResponseEntity<KbCategory> createCategory(@RequestBody ObjectNode body) {
        KbCategory c = kb.createCategory(CurrentWorkspace.id(), JsonBody.of(body, "name", "description", "position"));
        return ResponseEntity.created(URI.create("/api/v1/kb/categories/" + c.id())).body(c);
    }

    @PatchMapping("/categories/{id}")
    @Operation(summary = "Change a category")
    KbCategory updateCategory(@PathVariable long id, @RequestBody ObjectNode body) {
        return kb.updateCategory(CurrentWorkspace.id(), id, JsonBody.of(body, "name", "description", "position"));
    }

    @DeleteMapping("/categories/{id}")
    @Operation(summary = "Delete a category", description = "With its folders and their articles.")
    ResponseEntity<Void> deleteCategory(@PathVariable long id) {
        kb.deleteCategory(CurrentWorkspace.id(), id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/folders")
    @Operation(summary = "List folders", description = "Filter: category_id.")
    Map<String, List<KbFolder>> folders(@RequestParam(name = "category_id", required = false) Long categoryId) {
        return Map.of("data", kb.folders(CurrentWorkspace.id(), categoryId));
    }

    @GetMapping("/folders/{id}")
    @Operation(summary = "Get a folder")
    KbFolder folder(@PathVariable long id) {
        return kb.folder(CurrentWorkspace.id(), id);
    }

    @PostMapping("/folders")
    @Operation(summary = "Create a folder", description = "Fields: category_id, name, description, position.")
    ResponseEntity<KbFolder> createFolder(@RequestBody ObjectNode body) {
        KbFolder f = kb.createFolder(CurrentWorkspace.id(), JsonBody.of(body, "category_id", "name", "description", "position"));
        return ResponseEntity.created(URI.create("/api/v1/kb/folders/" + f.id())).body(f);
    }

    @PatchMapping("/folders/{id}")
    @Operation(summary = "Change a folder", description = "Also moves it to another category (category_id).")
    KbFolder updateFolder(@PathVariable long id, @RequestBody ObjectNode body) {
        return kb.updateFolder(CurrentWorkspace.id(), id, JsonBody.of(body, "category_id", "name", "description", "position"));
    }

    @DeleteMapping("/folders/{id}")
    @Operation(summary = "Delete a folder", description = "With its articles.")
    ResponseEntity<Void> deleteFolder(@PathVariable long id) {
        kb.deleteFolder(CurrentWorkspace.id(), id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/articles")
    @Operation(summary = "List articles", description = "Filters: folder_id, state (published: having a published translation).")
    Page<KbArticle> articles(@RequestParam(required = false) Integer page, @RequestParam(name = "per_page", required = false) Integer perPage,
                             @RequestParam(name = "folder_id", required = false) Long folderId, @RequestParam(required = false) String state) {
        return kb.articles(CurrentWorkspace.id(), folderId, state, Paging.of(page, perPage));
    }

    @GetMapping("/articles/{id}")
    @Operation(summary = "Get an article with its translations")
    KbArticle article(@PathVariable long id) {
        return kb.article(CurrentWorkspace.id(), id);
    }

    @PostMapping("/articles")
    @Operation(summary = "Create an article", description = "Fields: folder_id, title, body (HTML, sanitised), state "
            + "(draft, the default, or published), default_locale (default en), author_id.")
    ResponseEntity<KbArticle> createArticle(@RequestBody ObjectNode body) {
        KbArticle a = kb.createArticle(CurrentWorkspace.id(), JsonBody.of(body, "folder_id", "title", "body", "state", "default_locale", "author_id"));
        return ResponseEntity.created(URI.create("/api/v1/kb/articles/" + a.id())).body(a);
    }

    @PatchMapping("/articles/{id}")
    @Operation(summary = "Change an article", description = "Fields: folder_id, default_locale, author_id. Texts change per language (translations).")
    KbArticle updateArticle(@PathVariable long id, @RequestBody ObjectNode body) {
        return kb.updateArticle(CurrentWorkspace.id(), id, JsonBody.of(body, "folder_id", "default_locale", "author_id"));
    }

    @DeleteMapping("/articles/{id}")
    @Operation(summary = "Delete an article")
    ResponseEntity<Void> deleteArticle(@PathVariable long id) {
        kb.deleteArticle(CurrentWorkspace.id(), id);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/articles/{id}/translations/{locale}")
    @Operation(summary = "Write an article in a language", description = "Fields: title, body (HTML, sanitised), state (draft or published).")
    KbArticle putTranslation(@PathVariable long id, @PathVariable String locale, @RequestBody ObjectNode body) {
        return kb.putTranslation(CurrentWorkspace.id(), id, locale, JsonBody.of(body, "title", "body", "state"));
    }

    @DeleteMapping("/articles/{id}/translations/{locale}")
    @Operation(summary = "Remove a translation", description = "Not the default language's.")
    KbArticle deleteTranslation(@PathVariable long id, @PathVariable String locale) {
        return kb.deleteTranslation(CurrentWorkspace.id(), id, locale);
    }
}
